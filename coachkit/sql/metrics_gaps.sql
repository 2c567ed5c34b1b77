-- One row per gap between consecutive leg sessions of one client inside a window, with its
-- traffic light: green at least $min_rest_days (72 h between heavy leg sessions: Israetel),
-- amber one day short, red shorter. Daily programs are exempt from the rest rule: no light.
WITH credited AS (
    -- The client's sets in the window with their region and credit (002_credited_sets.sql);
    -- the join on the coach is the tenant check.
    SELECT cs.*
    FROM credited_sets AS cs
    JOIN clients AS c ON c.id = cs.client_id AND c.coach_id = $coach_id
    WHERE cs.client_id = $client_id AND cs.session_date BETWEEN $first_day AND $last_day
),

-- A leg session: a date whose working sets credit at least $leg_session_min_sets to lower.
legs AS (
    SELECT session_date
    FROM credited
    GROUP BY session_date
    HAVING sum(lower_credit) >= $leg_session_min_sets
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
