-- The imports one client sent through a link, newest first, each marked new when it came
-- after the coach last looked at the client's page.
SELECT
    b.id,
    b.file_name,
    b.created_at,
    b.sets_added,
    b.undone_at,
    b.created_at > coalesce(c.logs_seen_at, TIMESTAMP '1970-01-01') AS is_new
FROM import_batches AS b
JOIN clients AS c ON c.id = b.client_id
WHERE b.client_id = $client_id AND c.coach_id = $coach_id AND b.link_id IS NOT NULL
ORDER BY b.created_at DESC
LIMIT $limit;
