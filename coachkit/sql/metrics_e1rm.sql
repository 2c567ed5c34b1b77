-- Progress on the scoped client's main lower-body lifts: the three lower exercises with the
-- most working sets in the compliance window. Per lift and week, the best estimated one-rep
-- max (Epley 1985: kg × (1 + reps / 30), only for 1–10 reps with a load), and the lift's
-- trend: the least-squares slope of those weekly maxima over the last 12 weeks of the window,
-- in % per week of their mean. The weeks looked at reach back at least 12 weeks from the
-- window's end, so that a program started last week still shows a trend. It reads only
-- metric_scope and metric_sets, so that it can run on its own cursor beside the other blocks.
WITH lifts AS (
    SELECT
        s.exercise_slug,
        s.exercise,
        s.week_start,
        s.session_date >= w.compliance_first AS in_window,
        s.session_date > w.compliance_last - 84 AS recent,
        CASE
            WHEN s.reps BETWEEN 1 AND 10 AND s.weight_kg > 0
                THEN s.weight_kg * (1 + s.reps / 30.0)
        END AS e1rm_kg
    FROM metric_sets AS s
    JOIN metric_scope AS w
        ON
            w.client_id = s.client_id
            AND s.session_date
            BETWEEN least(w.compliance_first, w.compliance_last - 83) AND w.compliance_last
    WHERE s.working AND s.region = 'lower' AND s.exercise_slug IS NOT NULL
),

main AS (
    SELECT exercise_slug
    FROM lifts
    WHERE in_window
    GROUP BY exercise_slug
    ORDER BY count(*) DESC, exercise_slug
    LIMIT 3
),

weekly AS (
    SELECT
        exercise_slug,
        any_value(exercise) AS exercise,
        week_start,
        max(e1rm_kg) AS e1rm_kg,
        bool_or(recent) AS recent
    FROM lifts
    WHERE e1rm_kg IS NOT NULL AND exercise_slug IN (SELECT exercise_slug FROM main)
    GROUP BY exercise_slug, week_start
)

SELECT
    exercise_slug,
    exercise,
    week_start,
    e1rm_kg,
    100 * regr_slope(e1rm_kg, (week_start - DATE '2000-01-03') / 7) FILTER (WHERE recent)
        OVER by_lift
        / avg(e1rm_kg) FILTER (WHERE recent) OVER by_lift AS trend_pct_per_week
FROM weekly
WINDOW by_lift AS (PARTITION BY exercise_slug)
ORDER BY exercise_slug, week_start;
