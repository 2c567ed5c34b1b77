SELECT id, coach_id, client_id, program_id, start_date, end_date, planned_weekdays,
       weekly_target, created_at
FROM assignments
WHERE coach_id = $coach_id
ORDER BY client_id, start_date;
