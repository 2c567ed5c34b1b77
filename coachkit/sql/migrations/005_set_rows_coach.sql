-- The coach of every set row, copied from its client, so that a coach's metrics can narrow the
-- set rows by a constant before anything else. On PostgreSQL that constant is the WHERE that
-- DuckDB hands to the server, which then reads one coach's rows by index (006) instead of
-- sending every gym's. insert_sets.sql fills it from the client from now on.
ALTER TABLE set_rows ADD COLUMN coach_id UUID;
UPDATE set_rows SET coach_id = (SELECT c.coach_id FROM clients AS c WHERE c.id = set_rows.client_id);
