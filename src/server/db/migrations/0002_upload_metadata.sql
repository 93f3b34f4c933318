-- Resumable attachment uploads (src/server/attachments/uploads.ts).

-- The attachment's metadata waits on its upload: the attachments row, which pulls carry, is
-- written only once the bytes are complete and verified.
alter table uploads add column meta jsonb;

-- One upload per attachment: announcing the same attachment again returns the same upload.
create unique index uploads_attachment on uploads (attachment_id);

-- Whether a file is already attached to a case the uploader can see (upload completes at once).
create index attachments_sha256 on attachments (sha256);
create index uploads_user_sha256 on uploads (user_id, sha256);
