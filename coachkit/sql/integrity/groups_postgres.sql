-- integrity/groups.sql, counted by the PostgreSQL server itself: through the extension's scan
-- every row would cross the connection first (ten million rows: 6 s through the scan for the
-- three groupings, 1 s on the server). postgres_query runs in the check's own transaction.
CREATE OR REPLACE TEMP TABLE integrity_groups AS
SELECT *
FROM postgres_query(
    'ck',
    'SELECT batch_id, client_id, coach_id, count(*) AS stored FROM set_rows GROUP BY 1, 2, 3'
);
