-- A client's imports, newest first, with what each added, whether it was undone, and whether
-- the client sent it through their link (link_id) rather than the coach.
SELECT
    b.id, b.file_name, b.layout, b.unit, b.rows_read, b.sets_added, b.sets_existing,
    b.rows_skipped, b.created_at, b.undone_at, b.left_out, b.link_id,
    coalesce(json_array_length(b.left_out), 0) AS rows_left_out
FROM import_batches AS b
JOIN clients AS c ON c.id = b.client_id
WHERE b.client_id = $client_id AND c.coach_id = $coach_id
ORDER BY b.created_at DESC;
