-- The daily plan, day by day (METRICS.md, "Progress for clients without loads"): for a client
-- on a daily program, each logged day of the assignment in the last 12 weeks up to today with
-- the reps and sets of the program's exercise, the day's target reps and the sets the program
-- asks them in (100 squats in 5-6 sets).
SELECT
    d.session_date,
    d.program_reps AS reps,
    d.program_sets AS sets,
    w.daily_target AS target,
    rx.sets_min,
    rx.sets_max
FROM metric_scope AS w
JOIN metric_days AS d
    ON
        d.client_id = w.client_id
        AND d.session_date BETWEEN greatest(w.program_start, w.today - 83) AND w.today
LEFT JOIN (
    SELECT program_id, min(sets_min) AS sets_min, max(sets_max) AS sets_max
    FROM program_exercises
    GROUP BY program_id
) AS rx ON rx.program_id = w.program_id
WHERE w.kind = 'compliance' AND w.daily AND d.program_sets > 0
ORDER BY d.session_date;
