SELECT coach_id, name_key, slug, region, created_at
FROM exercise_mappings
WHERE coach_id = $coach_id
ORDER BY name_key;
