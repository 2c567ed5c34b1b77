SELECT coach_id, client_id, name_key, created_at
FROM client_file_names
WHERE coach_id = $coach_id
ORDER BY name_key;
