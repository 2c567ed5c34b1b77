-- The days of a file's new sets (run after ingest/new_sets_unseen.sql) that already hold
-- other sets of the client, from another file: the same workouts exported again, or by
-- another app, would be counted twice. The preview warns with how many days and which.
WITH days AS (
    SELECT DISTINCT CAST(performed_at AS DATE) AS day FROM new_sets
)
SELECT count(*) AS days, min(day) AS first_day, max(day) AS last_day
FROM days AS d
WHERE EXISTS (
    SELECT 1
    FROM set_rows AS s
    WHERE s.client_id = getvariable('import_client') AND s.session_date = d.day
);
