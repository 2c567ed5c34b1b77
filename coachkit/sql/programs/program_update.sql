-- Update one program in place; its id stays, so assignments keep pointing at it. The coach must
-- own it ($coach_id NULL: a built-in, which only programs.install_builtins updates).
UPDATE programs
SET
    name = $name,
    description = $description,
    kind = $kind,
    leg_freq_min = $leg_freq_min,
    leg_freq_max = $leg_freq_max,
    min_rest_days = $min_rest_days,
    stretching_required = $stretching_required,
    horizon_weeks = $horizon_weeks,
    planned_weekdays = $planned_weekdays,
    daily_reps_target = $daily_reps_target,
    progression_notes = $progression_notes,
    updated_at = $now
WHERE id = $id AND coach_id IS NOT DISTINCT FROM $coach_id;
