-- PostgreSQL only: migration 011's two columns. DuckDB's postgres extension writes an ALTER's
-- type as DuckDB names it (DOUBLE), which PostgreSQL does not know, so the ALTER goes to the
-- server as it is; then the extension forgets the table's old shape.
CALL postgres_execute('ck', 'ALTER TABLE client_settings ADD COLUMN recovery_min DOUBLE PRECISION');
CALL postgres_execute('ck', 'ALTER TABLE client_settings ADD COLUMN stretching_min DOUBLE PRECISION');
CALL pg_clear_cache();
