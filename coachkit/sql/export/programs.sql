-- The coach's own programs; the built-ins (coach_id NULL) ship with every CoachKit.
SELECT id, coach_id, name, description, kind, leg_freq_min, leg_freq_max, min_rest_days,
       stretching_required, horizon_weeks, planned_weekdays, daily_reps_target,
       progression_notes, created_at, updated_at
FROM programs
WHERE coach_id = $coach_id
ORDER BY name;
