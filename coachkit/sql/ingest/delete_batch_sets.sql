DELETE FROM set_rows WHERE batch_id = $batch_id;
