SELECT coach_id, header_key, columns, weight_unit, date_format, created_at
FROM column_mappings
WHERE coach_id = $coach_id
ORDER BY header_key;
