INSERT INTO programs (
    id, coach_id, name, description, kind, leg_freq_min, leg_freq_max, min_rest_days,
    stretching_required, horizon_weeks, planned_weekdays, daily_reps_target, progression_notes,
    created_at, updated_at
) VALUES (
    $id, $coach_id, $name, $description, $kind, $leg_freq_min, $leg_freq_max, $min_rest_days,
    $stretching_required, $horizon_weeks, $planned_weekdays, $daily_reps_target,
    $progression_notes, $now, $now
);
