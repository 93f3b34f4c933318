-- The organisation (units, people, config) is held in memory by every server process
-- (src/server/context.ts). Any change to it, by the admin API of any process, by the command
-- line or by hand, moves this version on, and each process reloads when it sees a newer one.
-- Only the directory's columns of users count: sign-in bookkeeping alone (a password hash
-- rehashed, timestamps) moves nothing. (An admin's account change writes all of them through
-- coalesce, so it moves the version even when only the password changed: one reload, harmless.)
create table org_version (
  id integer primary key check (id = 1),
  version bigint not null
);
insert into org_version (id, version) values (1, 1);

create function bump_org_version() returns trigger language plpgsql as $$
begin
  update org_version set version = version + 1 where id = 1;
  return null;
end;
$$;

create trigger users_org_version after insert or delete or update of username, display_name, role, unit_id, is_active on users
  for each statement execute function bump_org_version();
create trigger units_org_version after insert or delete or update on units
  for each statement execute function bump_org_version();
create trigger org_config_org_version after insert or delete or update on org_config
  for each statement execute function bump_org_version();
