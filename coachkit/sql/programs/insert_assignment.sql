INSERT INTO assignments (
    id, coach_id, client_id, program_id, start_date, end_date, planned_weekdays, weekly_target,
    created_at
) VALUES (
    $id, $coach_id, $client_id, $program_id, $start_date, $end_date, $planned_weekdays,
    $weekly_target, $now
);
