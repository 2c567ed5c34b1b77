SELECT id, client_id, file_name, undone_at
FROM import_batches
WHERE id = $batch_id AND coach_id = $coach_id;
