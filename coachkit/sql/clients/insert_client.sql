INSERT INTO clients (id, coach_id, name, email, notes, archived, created_at)
VALUES ($id, $coach_id, $name, $email, NULL, false, $now);
