-- One row per complete ISO week (Monday to Sunday) of one client's window, over before today:
-- working sets lower and upper with the share and its band, volume load (Σ reps × kg, a
-- secondary view that never drives a flag), and the week's leg sessions against the weekly
-- band. The same weeks, sessions and bands as metrics_summary.sql, for the charts.
WITH credited AS (
    -- The client's sets in the window with their region and credit (002_credited_sets.sql);
    -- the join on the coach is the tenant check.
    SELECT cs.*, CAST(date_trunc('week', cs.session_date) AS DATE) AS week_start
    FROM credited_sets AS cs
    JOIN clients AS c ON c.id = cs.client_id AND c.coach_id = $coach_id
    WHERE cs.client_id = $client_id AND cs.session_date BETWEEN $first_day AND $last_day
),

legs AS (
    SELECT week_start, session_date
    FROM credited
    GROUP BY week_start, session_date
    HAVING sum(lower_credit) >= $leg_session_min_sets
),

weeks AS (
    SELECT CAST(monday AS DATE) AS week_start
    FROM generate_series(
        date_trunc('week', CAST($first_day AS DATE) + 6),
        date_trunc('week', least(CAST($last_day AS DATE), CAST($today AS DATE) - 1) + 1)
            - INTERVAL 7 DAY,
        INTERVAL 7 DAY
    ) AS g (monday)
),

by_week AS (
    SELECT
        week_start,
        sum(lower_credit) AS lower_credit,
        sum(upper_credit) AS upper_credit,
        sum(reps * weight_kg * lower_credit) AS volume_lower,
        sum(reps * weight_kg * upper_credit) AS volume_upper
    FROM credited
    GROUP BY week_start
),

shares AS (
    SELECT
        w.week_start,
        coalesce(b.lower_credit, 0) AS working_sets_lower,
        coalesce(b.upper_credit, 0) AS working_sets_upper,
        b.lower_credit / nullif(b.lower_credit + b.upper_credit, 0) AS lower_share,
        coalesce(b.volume_lower, 0) AS volume_load_lower_kg,
        coalesce(b.volume_upper, 0) AS volume_load_upper_kg,
        (SELECT count(*) FROM legs AS l WHERE l.week_start = w.week_start) AS leg_sessions
    FROM weeks AS w
    LEFT JOIN by_week AS b USING (week_start)
)

SELECT
    week_start,
    strftime(week_start, '%G-W%V') AS week,
    working_sets_lower,
    working_sets_upper,
    lower_share,
    CASE
        WHEN lower_share < $lower_share_min THEN 'top-heavy'
        WHEN lower_share > $lower_share_max THEN 'lower-dominant'
        WHEN lower_share IS NOT NULL THEN 'balanced'
    END AS balance_band,
    volume_load_lower_kg,
    volume_load_upper_kg,
    leg_sessions,
    -- Daily programs are exempt from the weekly band: no verdict for their weeks.
    CASE
        WHEN $daily THEN NULL
        WHEN leg_sessions < $leg_freq_min THEN 'under'
        WHEN leg_sessions > $leg_freq_max THEN 'over'
        ELSE 'in band'
    END AS frequency
FROM shares
ORDER BY week_start;
