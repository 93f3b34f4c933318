-- Pull: cases whose visibility changed within a page's range of sequence numbers, found
-- whether or not their own row is in that page (src/server/sync/pull.ts, newly visible).
create index cases_scope_seq on cases (scope_seq);
