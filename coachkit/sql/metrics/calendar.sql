-- The days of each scoped client's current assignment that the planned-vs-done calendar
-- (coachkit/planned.py) judges, from the assignment's start to today: every leg session and,
-- for a daily program, every day with a set of its exercise. Each day comes with the leg
-- session before it (for "too soon"), the sets and reps of the program's exercises, and
-- what was logged that day, exercise by exercise (most sets first), for the tooltip.
WITH scoped AS (
    SELECT client_id, program_start, today
    FROM metric_scope
    WHERE kind = 'compliance' AND program_start IS NOT NULL
),

logged AS (
    SELECT
        s.client_id,
        s.session_date,
        coalesce(s.exercise, s.logged_exercise) AS exercise,
        count(*) AS sets
    FROM metric_sets AS s
    JOIN scoped AS w
        ON w.client_id = s.client_id AND s.session_date BETWEEN w.program_start AND w.today
    GROUP BY ALL
)

SELECT
    d.client_id,
    d.session_date,
    d.leg_session,
    d.previous_leg_session,
    d.program_sets,
    d.program_reps,
    (
        SELECT list({'exercise': l.exercise, 'sets': l.sets} ORDER BY l.sets DESC, l.exercise)
        FROM logged AS l
        WHERE l.client_id = d.client_id AND l.session_date = d.session_date
    ) AS exercises
FROM scoped AS w
JOIN metric_days AS d
    ON d.client_id = w.client_id AND d.session_date BETWEEN w.program_start AND w.today
WHERE d.leg_session OR d.program_sets > 0
ORDER BY d.client_id, d.session_date;
