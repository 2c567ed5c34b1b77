-- Integrity (coachkit/integrity.py): set rows whose client is gone, or whose coach_id (005) is
-- not their client's coach. Reads integrity_groups (integrity/groups.sql).
WITH owners AS (
    SELECT client_id, coach_id, sum(stored) AS stored
    FROM integrity_groups
    GROUP BY client_id, coach_id
)
SELECT
    o.client_id,
    o.coach_id,
    CAST(o.stored AS BIGINT) AS stored,
    c.id IS NULL AS client_missing,
    c.name AS client_name,
    c.coach_id AS client_coach_id
FROM owners AS o
LEFT JOIN clients AS c ON c.id = o.client_id
WHERE c.id IS NULL OR o.coach_id IS DISTINCT FROM c.coach_id
ORDER BY o.client_id, o.coach_id;
