UPDATE import_batches SET undone_at = $now WHERE id = $batch_id;
