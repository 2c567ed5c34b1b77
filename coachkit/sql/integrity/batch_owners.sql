-- Integrity (coachkit/integrity.py): import batches whose numbers cannot be right, whose client
-- is gone, or whose coach is not their client's. ingest.store_sets writes a batch only when it
-- added at least one set.
SELECT
    b.id AS batch_id,
    b.file_name,
    b.client_id,
    b.coach_id,
    b.created_at,
    b.sets_added,
    b.sets_existing,
    c.id IS NULL AS client_missing,
    c.name AS client_name,
    c.coach_id AS client_coach_id
FROM import_batches AS b
LEFT JOIN clients AS c ON c.id = b.client_id
WHERE c.id IS NULL
    OR c.coach_id <> b.coach_id
    OR b.sets_added < 1
    OR b.sets_existing < 0
ORDER BY b.created_at, b.id;
