SELECT id FROM programs WHERE coach_id IS NULL;
