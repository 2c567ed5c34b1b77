-- Integrity (coachkit/integrity.py): set rows whose batch_id names no import batch, or a batch
-- of another client. Reads integrity_groups (integrity/groups.sql).
WITH owned AS (
    SELECT batch_id, client_id, sum(stored) AS stored
    FROM integrity_groups
    GROUP BY batch_id, client_id
)
SELECT
    o.batch_id,
    o.client_id,
    c.name AS client_name,
    CAST(o.stored AS BIGINT) AS stored,
    b.id IS NULL AS batch_missing,
    b.file_name,
    b.client_id AS batch_client_id,
    bc.name AS batch_client_name
FROM owned AS o
LEFT JOIN import_batches AS b ON b.id = o.batch_id
LEFT JOIN clients AS c ON c.id = o.client_id
LEFT JOIN clients AS bc ON bc.id = b.client_id
WHERE b.id IS NULL OR b.client_id <> o.client_id
ORDER BY o.batch_id, o.client_id;
