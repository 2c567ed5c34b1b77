SELECT id, client_id, program_id, start_date, end_date
FROM assignments
WHERE id = $id AND coach_id = $coach_id;
