SELECT id, coach_id, name, archived FROM clients WHERE coach_id = $coach_id AND name = $name;
