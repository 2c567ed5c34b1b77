-- Integrity (coachkit/integrity.py): per client, how many of its sets are stored more than
-- once, how many rows too many, and one of the keys to look at. Reads integrity_repeated
-- (integrity/repeated.sql).
SELECT
    r.client_id,
    c.name AS client_name,
    count(*) AS keys,
    CAST(sum(r.copies - 1) AS BIGINT) AS extra_rows,
    min(r.set_key) AS example_key
FROM integrity_repeated AS r
LEFT JOIN clients AS c ON c.id = r.client_id
GROUP BY r.client_id, c.name
ORDER BY r.client_id;
