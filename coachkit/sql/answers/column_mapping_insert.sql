INSERT INTO column_mappings (coach_id, header_key, columns, weight_unit, date_format, created_at)
VALUES ($coach_id, $header_key, $columns, $weight_unit, $date_format, $now);
