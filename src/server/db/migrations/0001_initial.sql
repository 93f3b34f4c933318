-- Tindak central server: organisation, accounts, case records, sync bookkeeping, audit trail.

create table org_config (
  id integer primary key check (id = 1),
  config jsonb not null,
  updated_at timestamptz not null default now()
);

create table units (
  id uuid primary key,
  code text not null unique,
  name text not null,
  kind text not null check (kind in ('central', 'work_unit', 'regional')),
  parent_id uuid references units (id),
  time_zone text not null check (time_zone in ('WIB', 'WITA', 'WIT')),
  region text not null
);

create table users (
  id uuid primary key,
  username text not null unique,
  display_name text not null,
  role text not null check (role in ('admin', 'liaison', 'unit_head', 'upt_staff', 'field_worker', 'auditor')),
  unit_id uuid not null references units (id),
  password_hash text not null,
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table devices (
  id text primary key,
  user_id uuid not null references users (id),
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index devices_user on devices (user_id);

-- Tokens are stored only as SHA-256 hashes. A refresh token is rotated on use; the previous
-- one stays valid for a short grace window (a response lost on a bad link must not log out).
create table access_tokens (
  token_hash text primary key,
  user_id uuid not null references users (id),
  device_id text not null references devices (id),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index access_tokens_device on access_tokens (device_id);

create table refresh_tokens (
  token_hash text primary key,
  user_id uuid not null references users (id),
  device_id text not null references devices (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  rotated_at timestamptz,
  replaced_by text,
  revoked_at timestamptz
);
create index refresh_tokens_device on refresh_tokens (device_id);

create table channel_keys (
  id uuid primary key,
  channel text not null,
  key_hash text not null unique,
  label text not null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);

-- The change clock: one row, locked by each writing transaction just before it stamps its
-- rows, so change sequences become visible in order (see docs/sync-protocol.md, "Cursor").
create table sync_clock (
  id integer primary key check (id = 1),
  last_seq bigint not null,
  -- Removal markers at or below this sequence have been pruned: older cursors must reset.
  horizon_seq bigint not null
);
insert into sync_clock (id, last_seq, horizon_seq) values (1, 0, 0);

create table cases (
  id uuid primary key,
  channel text not null,
  ticket_id text not null,
  unit_id uuid references units (id),
  regional_unit_ids uuid[] not null default '{}',
  assignee_ids uuid[] not null default '{}',
  status text not null,
  version integer not null,
  change_seq bigint not null,
  -- Sequence of the last change of who may see the case (see pull: newly visible children).
  scope_seq bigint not null,
  -- Keyed hashes for duplicate lookup without reading personal data.
  nik_hash text,
  phone_hash text,
  topic text,
  data jsonb not null,
  -- Per field: version, who and when it last changed (for conflicts and role precedence).
  field_meta jsonb not null default '{}',
  unique (channel, ticket_id)
);
create index cases_change_seq on cases (change_seq);
create index cases_unit on cases (unit_id);
create index cases_regional on cases using gin (regional_unit_ids);
create index cases_assignees on cases using gin (assignee_ids);
create index cases_nik_hash on cases (nik_hash);
create index cases_phone_hash on cases (phone_hash);

create table reports (
  id uuid primary key,
  case_id uuid not null references cases (id),
  author_id uuid not null references users (id),
  status text not null,
  version integer not null,
  change_seq bigint not null,
  data jsonb not null,
  field_meta jsonb not null default '{}'
);
create index reports_change_seq on reports (change_seq);
create index reports_case on reports (case_id);

-- The audit trail. Append-only: a trigger refuses updates and deletes.
create table case_events (
  id uuid primary key,
  case_id uuid not null references cases (id),
  change_seq bigint not null,
  data jsonb not null
);
create index case_events_change_seq on case_events (change_seq);
create index case_events_case on case_events (case_id);

create function refuse_audit_change() returns trigger language plpgsql as $$
begin
  raise exception 'case_events is append-only';
end;
$$;

create trigger case_events_append_only before update or delete on case_events
  for each row execute function refuse_audit_change();

-- Cases that left a scope: the scope they had before, so a pull can tell who lost them.
create table case_removals (
  change_seq bigint primary key,
  case_id uuid not null,
  prev_unit_id uuid,
  prev_regional_unit_ids uuid[] not null,
  prev_assignee_ids uuid[] not null,
  created_at timestamptz not null default now()
);

-- Idempotency: the result of every mutation ever received, by its id.
create table mutations (
  mutation_id uuid primary key,
  device_id text not null,
  user_id uuid not null,
  seq bigint not null,
  payload_hash text not null,
  result jsonb not null,
  received_at timestamptz not null default now()
);
create index mutations_device on mutations (device_id, seq);

-- Conflicts found while merging, kept for the record and for the auditor.
create table conflicts (
  id uuid primary key,
  mutation_id uuid not null,
  entity text not null,
  entity_id uuid not null,
  fields jsonb not null,
  resolution text not null,
  created_at timestamptz not null default now()
);

create table attachments (
  id uuid primary key,
  case_id uuid not null references cases (id),
  report_id uuid,
  sha256 text,
  change_seq bigint not null,
  data jsonb not null
);
create index attachments_change_seq on attachments (change_seq);
create index attachments_case on attachments (case_id);

-- Content-addressed bytes: the same file is stored once.
create table blobs (
  sha256 text primary key,
  size integer not null,
  mime_type text not null,
  bytes bytea not null,
  created_at timestamptz not null default now()
);

create table uploads (
  id uuid primary key,
  attachment_id uuid not null,
  user_id uuid not null,
  sha256 text not null,
  size integer not null,
  mime_type text not null,
  received integer not null default 0,
  completed_at timestamptz,
  created_at timestamptz not null default now()
);

create table upload_chunks (
  upload_id uuid not null references uploads (id),
  offset_bytes integer not null,
  bytes bytea not null,
  primary key (upload_id, offset_bytes)
);

-- Server-side secrets (the key of the identity hashes), created on first start.
create table server_settings (
  key text primary key,
  value text not null
);
