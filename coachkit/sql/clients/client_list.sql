-- A coach's active clients by name, for choosing one: no set row is read.
SELECT id, coach_id, name, archived, coalesce(notes, '') AS note
FROM clients
WHERE coach_id = $coach_id AND NOT archived
ORDER BY name;
