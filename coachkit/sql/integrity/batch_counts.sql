-- Integrity (coachkit/integrity.py): the import batches whose set rows do not add up. A batch
-- that stands owns exactly sets_added set rows, each carrying its id (ingest.store_sets writes
-- both in one transaction); an undone batch owns none (ingest.undo deletes them with the mark).
-- Reads integrity_groups (integrity/groups.sql).
WITH owned AS (
    SELECT batch_id, sum(stored) AS stored
    FROM integrity_groups
    GROUP BY batch_id
)
SELECT
    b.id AS batch_id,
    b.file_name,
    b.client_id,
    c.name AS client_name,
    b.created_at,
    b.undone_at,
    b.sets_added,
    CAST(coalesce(o.stored, 0) AS BIGINT) AS stored
FROM import_batches AS b
LEFT JOIN owned AS o ON o.batch_id = b.id
LEFT JOIN clients AS c ON c.id = b.client_id
WHERE coalesce(o.stored, 0) <> CASE WHEN b.undone_at IS NULL THEN b.sets_added ELSE 0 END
ORDER BY b.created_at, b.id;
