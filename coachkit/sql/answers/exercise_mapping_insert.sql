INSERT INTO exercise_mappings (coach_id, name_key, slug, region, created_at)
VALUES ($coach_id, $name_key, $slug, $region, $now);
