-- One row per gap between consecutive leg sessions of one client inside a window, with its
-- traffic light: green at least $min_rest_days (72 h between heavy leg sessions: Israetel),
-- amber one day short, red shorter. Daily programs are exempt from the rest rule: no light.
WITH client_sets AS (
    SELECT
        s.session_date,
        s.set_type,
        coalesce(e.region, s.category_region) AS region
    FROM set_rows AS s
    JOIN clients AS c ON c.id = s.client_id AND c.coach_id = $coach_id
    LEFT JOIN exercises AS e ON e.slug = s.exercise_slug
    WHERE s.client_id = $client_id AND s.session_date BETWEEN $first_day AND $last_day
),

-- A leg session: a date whose working sets credit at least $leg_session_min_sets to lower
-- (1 per lower set, 0.5 per full-body set; warm-ups credit nothing).
legs AS (
    SELECT session_date
    FROM client_sets
    GROUP BY session_date
    HAVING
        sum(CASE
            WHEN set_type = 'warmup' THEN 0
            WHEN region = 'lower' THEN 1
            WHEN region = 'full' THEN 0.5
            ELSE 0
        END) >= $leg_session_min_sets
),

gaps AS (
    SELECT
        lag(session_date) OVER (ORDER BY session_date) AS from_date,
        session_date AS to_date,
        session_date - lag(session_date) OVER (ORDER BY session_date) AS gap_days
    FROM legs
)

SELECT
    from_date,
    to_date,
    gap_days,
    CASE
        WHEN $daily THEN NULL
        WHEN gap_days >= $min_rest_days THEN 'green'
        WHEN gap_days = $min_rest_days - 1 THEN 'amber'
        ELSE 'red'
    END AS light
FROM gaps
WHERE from_date IS NOT NULL
ORDER BY to_date;
