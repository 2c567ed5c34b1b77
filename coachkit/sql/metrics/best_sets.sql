-- Progress for exercises logged without a load (METRICS.md, "Progress for clients without
-- loads"): the three exercises with the most such working sets in the compliance window. Per
-- exercise and week, the best reps in one set, or for a timed hold (no reps) the longest
-- duration; and the trend of those weekly bests over the last 12 weeks of the window, the
-- least-squares slope in % per week of their mean, as for the e1RM.
WITH weekly AS (
    SELECT
        s.exercise_slug,
        any_value(s.exercise) AS exercise,
        s.week_start,
        count(*) FILTER (WHERE s.session_date >= w.first_day) AS sets_in_window,
        CAST(max(s.reps) AS DOUBLE) AS best_reps,
        max(s.duration_s) FILTER (WHERE s.reps IS NULL) AS best_seconds,
        bool_or(s.session_date > w.last_day - 84) AS recent
    FROM metric_sets AS s
    JOIN metric_scope AS w
        ON
            w.client_id = s.client_id
            AND w.kind = 'compliance'
            AND s.session_date BETWEEN least(w.first_day, w.last_day - 83) AND w.last_day
    WHERE s.working AND coalesce(s.weight_kg, 0) = 0 AND s.exercise_slug IS NOT NULL
    GROUP BY s.exercise_slug, s.week_start
),

measured AS (
    SELECT
        *,
        coalesce(best_reps, best_seconds) AS best,
        CASE WHEN best_reps IS NULL THEN 'seconds' ELSE 'reps' END AS unit
    FROM weekly
    WHERE coalesce(best_reps, best_seconds) IS NOT NULL
),

exercises AS (
    SELECT
        *,
        sum(sets_in_window) OVER by_exercise AS exercise_sets,
        100 * regr_slope(best, (week_start - DATE '2000-01-03') / 7) FILTER (WHERE recent)
            OVER by_exercise
            / avg(best) FILTER (WHERE recent) OVER by_exercise AS trend_pct_per_week
    FROM measured
    WINDOW by_exercise AS (PARTITION BY exercise_slug)
),

ranked AS (
    SELECT *, dense_rank() OVER (ORDER BY exercise_sets DESC, exercise_slug) AS rank
    FROM exercises
    WHERE exercise_sets > 0
)

SELECT exercise_slug, exercise, week_start, best, unit, trend_pct_per_week
FROM ranked
WHERE rank <= 3
ORDER BY exercise_slug, week_start;
