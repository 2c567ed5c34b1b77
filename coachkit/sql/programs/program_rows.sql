-- The programs a coach can see: the built-ins (coach_id NULL) and the coach's own, never another
-- coach's; built-ins first, then by name. $program_id NULL: all of them, else just that one.
SELECT
    id, coach_id, name, description, kind, leg_freq_min, leg_freq_max, min_rest_days,
    stretching_required, horizon_weeks, planned_weekdays, daily_reps_target, progression_notes
FROM programs
WHERE
    (coach_id IS NULL OR coach_id = $coach_id)
    AND (CAST($program_id AS UUID) IS NULL OR id = $program_id)
ORDER BY coach_id IS NOT NULL, lower(name), id;
