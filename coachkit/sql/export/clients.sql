SELECT id, coach_id, name, email, notes, archived, created_at, logs_seen_at
FROM clients
WHERE coach_id = $coach_id
ORDER BY name;
