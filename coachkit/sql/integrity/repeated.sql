-- Integrity (coachkit/integrity.py): a client's set stored more than once, that is the same
-- natural key (client_id, set_key) twice. ingest/insert_sets.sql keeps it unique under the store's
-- write lock. integrity/repeated_postgres.sql computes the same on the PostgreSQL server.
CREATE OR REPLACE TEMP TABLE integrity_repeated AS
SELECT client_id, set_key, count(*) AS copies
FROM set_rows
GROUP BY client_id, set_key
HAVING count(*) > 1;
