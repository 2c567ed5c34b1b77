-- Integrity (coachkit/integrity.py): the one pass over set_rows that the batch and owner checks
-- share: how many set rows each (batch, client, coach) holds, a row per import and client.
-- integrity/groups_postgres.sql computes the same on the PostgreSQL server.
CREATE OR REPLACE TEMP TABLE integrity_groups AS
SELECT batch_id, client_id, coach_id, count(*) AS stored
FROM set_rows
GROUP BY batch_id, client_id, coach_id;
