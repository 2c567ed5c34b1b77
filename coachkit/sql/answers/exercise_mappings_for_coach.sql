SELECT name_key, slug, region FROM exercise_mappings WHERE coach_id = $coach_id;
