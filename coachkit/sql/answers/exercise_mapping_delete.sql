DELETE FROM exercise_mappings WHERE coach_id = $coach_id AND name_key = $name_key;
