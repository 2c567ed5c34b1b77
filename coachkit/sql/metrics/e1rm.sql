-- Progress on the scoped client's main lower-body lifts: the three lower exercises with the
-- most working sets in the compliance window. Per lift and week, the best estimated one-rep
-- max (Epley 1985: kg × (1 + reps / 30), only for 1–10 reps with a load), and the lift's
-- trend: the least-squares slope of those weekly maxima over the last 12 weeks of the window,
-- in % per week of their mean. The weeks looked at reach back at least 12 weeks from the
-- window's end, so that a program started last week still shows a trend.
WITH weekly AS (
    SELECT
        s.exercise_slug,
        any_value(s.exercise) AS exercise,
        s.week_start,
        count(*) FILTER (WHERE s.session_date >= w.first_day) AS sets_in_window,
        max(
            CASE
                WHEN s.reps BETWEEN 1 AND 10 AND s.weight_kg > 0
                    THEN s.weight_kg * (1 + s.reps / 30.0)
            END
        ) AS e1rm_kg,
        bool_or(s.session_date > w.last_day - 84) AS recent
    FROM metric_sets AS s
    JOIN metric_scope AS w
        ON
            w.client_id = s.client_id
            AND w.kind = 'compliance'
            AND s.session_date BETWEEN least(w.first_day, w.last_day - 83) AND w.last_day
    WHERE s.working AND s.region = 'lower' AND s.exercise_slug IS NOT NULL
    GROUP BY s.exercise_slug, s.week_start
),

lifts AS (
    SELECT
        *,
        sum(sets_in_window) OVER by_lift AS lift_sets,
        100 * regr_slope(e1rm_kg, (week_start - DATE '2000-01-03') / 7) FILTER (WHERE recent)
            OVER by_lift
            / avg(e1rm_kg) FILTER (WHERE recent) OVER by_lift AS trend_pct_per_week
    FROM weekly
    WINDOW by_lift AS (PARTITION BY exercise_slug)
),

ranked AS (
    SELECT *, dense_rank() OVER (ORDER BY lift_sets DESC, exercise_slug) AS rank
    FROM lifts
    WHERE lift_sets > 0
)

SELECT exercise_slug, exercise, week_start, e1rm_kg, trend_pct_per_week
FROM ranked
WHERE rank <= 3 AND e1rm_kg IS NOT NULL
ORDER BY exercise_slug, week_start;
