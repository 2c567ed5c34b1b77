-- PostgreSQL only: what DuckDB's postgres extension cannot say in its own CREATE statements
-- goes to the server as it is, through postgres_execute, inside the migration's transaction.
--
-- The natural key of a set, enforced by the server. On PostgreSQL several app servers write at
-- once and Store.exclusive() only orders the writers of one process: when two servers import
-- the same set, the second insert fails on this index and the import retries, then finds the
-- set already there (ingest.store_sets). It also serves every per-client read of set_rows.
CALL postgres_execute('ck', 'CREATE UNIQUE INDEX set_rows_client_key ON set_rows (client_id, set_key)');
-- Undoing an import deletes its sets by batch.
CALL postgres_execute('ck', 'CREATE INDEX set_rows_batch ON set_rows (batch_id)');
-- The other per-client and per-coach lookups.
CALL postgres_execute('ck', 'CREATE INDEX import_batches_client ON import_batches (client_id, created_at)');
CALL postgres_execute('ck', 'CREATE INDEX assignments_client ON assignments (client_id, start_date)');
CALL postgres_execute('ck', 'CREATE INDEX share_links_client ON share_links (client_id)');
CALL postgres_execute('ck', 'CREATE INDEX programs_coach ON programs (coach_id)');
