-- Every number of METRICS.md for each client of metric_scope and each of their windows
-- (compliance, balance, flags, recent), one row per client and window, counted over the
-- blocks of metrics_blocks.sql. metrics.py picks each number from the window it belongs to.
WITH leg_totals AS (
    SELECT
        client_id,
        kind,
        count(*) AS leg_sessions,
        min(session_date) AS first_leg_session,
        max(session_date) AS last_leg_session,
        count(*) FILTER (WHERE stretched) AS stretched_sessions,
        count(gap_days) AS gaps,
        count(*) FILTER (WHERE light = 'green') AS gaps_ok,
        count(*) FILTER (WHERE light = 'red') AS gaps_red
    FROM metric_legs
    GROUP BY client_id, kind
),

week_totals AS (
    SELECT
        client_id,
        kind,
        count(*) AS weeks,
        count(*) FILTER (WHERE frequency = 'in band') AS weeks_ok,
        count(*) FILTER (WHERE frequency = 'under') AS weeks_under,
        count(*) FILTER (WHERE frequency = 'over') AS weeks_over,
        CAST(sum(least(leg_sessions, weekly_target)) FILTER (WHERE in_program) AS DOUBLE)
            / nullif(sum(weekly_target) FILTER (WHERE in_program), 0) AS weekly_attendance,
        avg(coverage) AS coverage
    FROM metric_weeks
    GROUP BY client_id, kind
),

-- Working sets per side, and for a daily program the days done before today.
day_totals AS (
    SELECT
        w.client_id,
        w.kind,
        sum(d.sets_logged) AS sets_logged,
        sum(d.lower_credit) AS lower_credit,
        sum(d.upper_credit) AS upper_credit,
        count(*) FILTER (WHERE d.day_done AND d.session_date < w.today) AS days_done
    FROM metric_windows AS w
    JOIN metric_days AS d
        ON d.client_id = w.client_id AND d.session_date BETWEEN w.first_day AND w.last_day
    GROUP BY w.client_id, w.kind
),

joined AS (
    SELECT
        w.client_id,
        w.kind,
        w.first_day,
        w.last_day,
        w.daily,
        w.lower_share_min,
        w.lower_share_max,
        coalesce(t.sets_logged, 0) AS sets_logged,
        coalesce(t.lower_credit, 0) AS working_sets_lower,
        coalesce(t.upper_credit, 0) AS working_sets_upper,
        t.lower_credit / nullif(t.lower_credit + t.upper_credit, 0) AS lower_share,
        coalesce(l.leg_sessions, 0) AS leg_sessions,
        l.first_leg_session,
        l.last_leg_session,
        coalesce(l.stretched_sessions, 0) AS stretched_sessions,
        coalesce(l.gaps, 0) AS gaps,
        coalesce(l.gaps_ok, 0) AS gaps_ok,
        coalesce(l.gaps_red, 0) AS gaps_red,
        coalesce(wt.weeks, 0) AS weeks,
        coalesce(wt.weeks_ok, 0) AS weeks_ok,
        coalesce(wt.weeks_under, 0) AS weeks_under,
        coalesce(wt.weeks_over, 0) AS weeks_over,
        CASE
            WHEN w.program_start IS NULL THEN NULL
            -- A daily program's days: those of the assignment in the window, up to yesterday.
            WHEN w.daily THEN CAST(coalesce(t.days_done, 0) AS DOUBLE) / nullif(greatest(
                0,
                least(w.last_day, w.today - 1, w.program_end - 1)
                    - greatest(w.first_day, w.program_start) + 1
            ), 0)
            ELSE wt.weekly_attendance
        END AS attendance,
        CASE WHEN NOT w.daily THEN wt.coverage END AS coverage
    FROM metric_windows AS w
    LEFT JOIN day_totals AS t ON t.client_id = w.client_id AND t.kind = w.kind
    LEFT JOIN leg_totals AS l ON l.client_id = w.client_id AND l.kind = w.kind
    LEFT JOIN week_totals AS wt ON wt.client_id = w.client_id AND wt.kind = w.kind
)

SELECT
    client_id,
    kind,
    first_day,
    last_day,
    sets_logged,
    working_sets_lower,
    working_sets_upper,
    lower_share,
    balance_band(lower_share, lower_share_min, lower_share_max) AS balance_band,
    leg_sessions,
    first_leg_session,
    last_leg_session,
    -- Daily programs are exempt from the rest rule and the weekly band, by design.
    gaps AS recovery_gaps,
    CASE WHEN NOT daily THEN gaps_ok END AS recovery_gaps_ok,
    CASE WHEN NOT daily THEN gaps_red END AS recovery_gaps_red,
    CASE WHEN NOT daily THEN CAST(gaps_ok AS DOUBLE) / nullif(gaps, 0) END AS recovery_compliance,
    weeks,
    CASE WHEN NOT daily THEN weeks_ok END AS weeks_leg_frequency_ok,
    CASE WHEN NOT daily THEN weeks_under END AS weeks_under,
    CASE WHEN NOT daily THEN weeks_over END AS weeks_over,
    CASE WHEN NOT daily THEN CAST(weeks_ok AS DOUBLE) / nullif(weeks, 0) END
        AS leg_frequency_compliance,
    CAST(stretched_sessions AS DOUBLE) / nullif(leg_sessions, 0) AS stretching_compliance,
    attendance,
    coverage,
    -- With no week that had a leg session, coverage is undefined and attendance (then 0) is
    -- the adherence; a daily program's day already checks its one exercise.
    coalesce((attendance + coverage) / 2, attendance) AS adherence
FROM joined;
