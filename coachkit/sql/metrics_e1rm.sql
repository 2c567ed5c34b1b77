-- Progress on the scoped client's main lower-body lifts: the three lower exercises with the
-- most working sets in the compliance window. Per lift and week, the best estimated one-rep
-- max (Epley 1985: kg × (1 + reps / 30), only for 1–10 reps with a load), and the lift's
-- trend: the least-squares slope of those weekly maxima over the last 12 weeks of the window,
-- in % per week of their mean. The weeks looked at reach back at least 12 weeks from the
-- window's end, so that a program started last week still shows a trend.
WITH windows AS (
    SELECT client_id, first_day, last_day, least(first_day, last_day - 83) AS from_day
    FROM metric_windows
    WHERE kind = 'compliance' AND first_day IS NOT NULL
),

lifts AS (
    SELECT
        w.client_id,
        cs.exercise_slug,
        cs.week_start,
        cs.session_date BETWEEN w.first_day AND w.last_day AS in_window,
        cs.session_date > w.last_day - 84 AS recent,
        CASE
            WHEN cs.reps BETWEEN 1 AND 10 AND cs.weight_kg > 0
                THEN cs.weight_kg * (1 + cs.reps / 30.0)
        END AS e1rm_kg
    FROM metric_sets AS cs
    JOIN windows AS w
        ON w.client_id = cs.client_id AND cs.session_date BETWEEN w.from_day AND w.last_day
    WHERE cs.working AND cs.region = 'lower' AND cs.exercise_slug IS NOT NULL
),

main AS (
    SELECT client_id, exercise_slug
    FROM (
        SELECT
            client_id,
            exercise_slug,
            row_number() OVER (
                PARTITION BY client_id ORDER BY count(*) DESC, exercise_slug
            ) AS rank
        FROM lifts
        WHERE in_window
        GROUP BY client_id, exercise_slug
    )
    WHERE rank <= 3
),

weekly AS (
    SELECT l.client_id, l.exercise_slug, l.week_start, bool_or(l.recent) AS recent,
        max(l.e1rm_kg) AS e1rm_kg
    FROM lifts AS l
    JOIN main AS m ON m.client_id = l.client_id AND m.exercise_slug = l.exercise_slug
    WHERE l.e1rm_kg IS NOT NULL
    GROUP BY l.client_id, l.exercise_slug, l.week_start
),

trends AS (
    SELECT
        client_id,
        exercise_slug,
        100 * regr_slope(e1rm_kg, (week_start - DATE '2000-01-03') / 7) / avg(e1rm_kg)
            AS trend_pct_per_week
    FROM weekly
    WHERE recent
    GROUP BY client_id, exercise_slug
)

SELECT
    w.exercise_slug,
    e.name AS exercise,
    w.week_start,
    w.e1rm_kg,
    t.trend_pct_per_week
FROM weekly AS w
JOIN exercises AS e ON e.slug = w.exercise_slug
LEFT JOIN trends AS t ON t.client_id = w.client_id AND t.exercise_slug = w.exercise_slug
ORDER BY w.client_id, w.exercise_slug, w.week_start;
