-- The distinct exercise names a coach's clients have logged.
SELECT DISTINCT s.logged_exercise
FROM set_rows AS s
JOIN clients AS c ON c.id = s.client_id
WHERE c.coach_id = $coach_id;
