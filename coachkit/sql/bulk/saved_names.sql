-- The names a coach saved for their active clients, to match bulk uploads by file name.
SELECT n.name_key, n.client_id
FROM client_file_names AS n
JOIN clients AS c ON c.id = n.client_id AND c.coach_id = n.coach_id
WHERE n.coach_id = $coach_id AND NOT c.archived
ORDER BY n.name_key;
