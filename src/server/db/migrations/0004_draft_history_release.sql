-- A draft report's audit entries and files reach only its author (src/server/sync/pull.ts).
-- When the draft is submitted they take new change sequences so that everyone else in the
-- case's scope pulls them then (src/server/sync/store.ts, releaseDraftHistory). The audit trail
-- stays append-only in what it says: only the change sequence, the sync position of an entry,
-- may be moved, and only forward (an entry moved below readers' cursors would never reach
-- them); anything else is still refused.
create or replace function refuse_audit_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and new.id = old.id and new.case_id = old.case_id and new.data = old.data
     and new.change_seq > old.change_seq then
    return new;
  end if;
  raise exception 'case_events is append-only';
end;
$$;
