INSERT INTO import_batches (
    id, coach_id, client_id, file_name, sha256, layout, unit, rows_read, sets_added,
    sets_existing, rows_skipped, created_at, undone_at, left_out, link_id
) VALUES (
    $id, $coach_id, $client_id, $file_name, $sha256, $layout, $unit, $rows_read, $sets_added,
    $sets_existing, $rows_skipped, $now, NULL, $left_out, $link_id
);
