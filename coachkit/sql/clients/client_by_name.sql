SELECT id, coach_id, name, archived, coalesce(notes, '') AS note
FROM clients
WHERE coach_id = $coach_id AND name = $name;
