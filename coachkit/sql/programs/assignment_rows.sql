-- A client's assignments, newest first, with the program's name: past ones are kept, so this is
-- the client's whole program history. The program is a built-in or the coach's own.
SELECT
    a.id, a.program_id, p.name AS program_name, a.start_date, a.end_date, a.planned_weekdays,
    a.weekly_target
FROM assignments AS a
LEFT JOIN programs AS p ON p.id = a.program_id AND (p.coach_id IS NULL OR p.coach_id = $coach_id)
WHERE a.coach_id = $coach_id AND a.client_id = $client_id
ORDER BY a.start_date DESC, a.created_at DESC;
