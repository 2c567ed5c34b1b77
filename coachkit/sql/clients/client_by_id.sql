SELECT id, coach_id, name, archived, coalesce(notes, '') AS note
FROM clients
WHERE id = $client_id AND coach_id = $coach_id;
