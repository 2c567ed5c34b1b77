SELECT id, coach_id, client_id, file_name, sha256, layout, unit, rows_read, sets_added,
       sets_existing, rows_skipped, created_at, undone_at, left_out, link_id
FROM import_batches
WHERE coach_id = $coach_id
ORDER BY client_id, created_at;
