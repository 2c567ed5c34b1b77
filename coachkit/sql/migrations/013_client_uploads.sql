-- Logs that arrive without the coach (issue 17). A report link may also take the client's own
-- exports: share_links.uploads (NULL, as on every link made before this: report only). An
-- import sent through a link names it: import_batches.link_id (NULL: the coach imported it).
-- clients.logs_seen_at is when the coach last looked at the client's page, so the roster can
-- say "new logs since you last looked". client_file_names are names the coach saved for a
-- client, to match bulk uploads' file names ("jdoe" in "strong_jdoe_week49.csv").
ALTER TABLE share_links ADD COLUMN uploads BOOLEAN;
ALTER TABLE import_batches ADD COLUMN link_id UUID;
ALTER TABLE clients ADD COLUMN logs_seen_at TIMESTAMP;
CREATE TABLE client_file_names (
    coach_id   UUID NOT NULL,
    client_id  UUID NOT NULL,
    name_key   VARCHAR NOT NULL,   -- lower case, accents and separators gone (uploads.name_key)
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (coach_id, name_key)
);
