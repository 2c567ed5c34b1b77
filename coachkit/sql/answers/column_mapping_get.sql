SELECT columns, weight_unit, date_format
FROM column_mappings
WHERE coach_id = $coach_id AND header_key = $header_key;
