-- Per client of the coach: the imports the client sent through a link since the coach last
-- looked at their page (clients.logs_seen_at; never looked: all), undone ones not counted.
SELECT b.client_id, count(*) AS files, max(b.created_at) AS last_sent
FROM import_batches AS b
JOIN clients AS c ON c.id = b.client_id AND c.coach_id = b.coach_id
WHERE
    b.coach_id = $coach_id
    AND b.link_id IS NOT NULL
    AND b.undone_at IS NULL
    AND b.created_at > coalesce(c.logs_seen_at, TIMESTAMP '1970-01-01')
GROUP BY b.client_id;
