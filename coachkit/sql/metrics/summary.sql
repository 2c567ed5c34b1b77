-- Every number of METRICS.md for each client of metric_scope and each of their windows
-- (compliance, balance, flags, recent), one row per client and window, counted over the
-- blocks of metrics/blocks.sql, with the client's name and rules. metrics.py picks each
-- number from the window it belongs to.
WITH week_totals AS (
    SELECT
        client_id,
        kind,
        count(*) AS weeks,
        count(*) FILTER (WHERE frequency = 'in band') AS weeks_ok,
        count(*) FILTER (WHERE frequency = 'under') AS weeks_under,
        count(*) FILTER (WHERE frequency = 'over') AS weeks_over,
        count(*) FILTER (WHERE in_program) AS program_weeks,
        CAST(sum(least(leg_sessions, weekly_target)) FILTER (WHERE in_program) AS DOUBLE)
            / nullif(sum(weekly_target) FILTER (WHERE in_program), 0) AS weekly_attendance,
        avg(coverage) AS coverage
    FROM metric_weeks
    GROUP BY client_id, kind
),

-- Per window: working sets per side, leg sessions with their gaps and lights, stretching,
-- and for a daily program the days done before today.
day_totals AS (
    SELECT
        client_id,
        kind,
        sum(sets_logged) AS sets_logged,
        sum(lower_credit) AS lower_credit,
        sum(upper_credit) AS upper_credit,
        count(*) FILTER (WHERE day_done AND session_date < today) AS days_done,
        count(*) FILTER (WHERE leg_session) AS leg_sessions,
        min(session_date) FILTER (WHERE leg_session) AS first_leg_session,
        max(session_date) FILTER (WHERE leg_session) AS last_leg_session,
        count(*) FILTER (WHERE leg_session AND stretch_sets > 0) AS stretched_sessions,
        count(gap) AS gaps,
        count(*) FILTER (WHERE recovery_light(gap, min_rest_days, false) = 'green') AS gaps_ok,
        count(*) FILTER (WHERE recovery_light(gap, min_rest_days, false) = 'red') AS gaps_red
    FROM (
        SELECT
            w.client_id,
            w.kind,
            w.today,
            w.min_rest_days,
            d.*,
            window_gap(d.leg_session, d.session_date, d.previous_leg_session, w.first_day) AS gap
        FROM metric_scope AS w
        JOIN metric_days AS d
            ON d.client_id = w.client_id AND d.session_date BETWEEN w.first_day AND w.last_day
    )
    GROUP BY client_id, kind
),

joined AS (
    SELECT
        w.client_id,
        w.name,
        w.archived,
        w.added_on,
        w.first_set,
        w.program_name,
        w.program_start,
        w.planned_weekdays,
        w.daily_target,
        w.today,
        w.stretching_asked,
        w.last_set,
        w.compliance_from,
        w.adherence_from,
        w.lower_share_min,
        w.lower_share_max,
        w.min_rest_days,
        w.leg_freq_min,
        w.leg_freq_max,
        w.leg_session_min_sets,
        w.balance_window_days,
        w.adherence_min,
        w.recovery_min,
        w.stretching_min,
        w.inactive_days,
        w.kind,
        w.first_day,
        w.last_day,
        w.daily,
        coalesce(t.sets_logged, 0) AS sets_logged,
        coalesce(t.lower_credit, 0) AS working_sets_lower,
        coalesce(t.upper_credit, 0) AS working_sets_upper,
        t.lower_credit / nullif(t.lower_credit + t.upper_credit, 0) AS lower_share,
        coalesce(t.leg_sessions, 0) AS leg_sessions,
        t.first_leg_session,
        t.last_leg_session,
        coalesce(t.stretched_sessions, 0) AS stretched_sessions,
        coalesce(t.gaps, 0) AS gaps,
        coalesce(t.gaps_ok, 0) AS gaps_ok,
        coalesce(t.gaps_red, 0) AS gaps_red,
        coalesce(wt.weeks, 0) AS weeks,
        coalesce(wt.weeks_ok, 0) AS weeks_ok,
        coalesce(wt.weeks_under, 0) AS weeks_under,
        coalesce(wt.weeks_over, 0) AS weeks_over,
        coalesce(wt.program_weeks, 0) AS program_weeks,
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
    FROM metric_scope AS w
    LEFT JOIN day_totals AS t ON t.client_id = w.client_id AND t.kind = w.kind
    LEFT JOIN week_totals AS wt ON wt.client_id = w.client_id AND wt.kind = w.kind
)

SELECT
    -- The client and the rules, for metrics.py to word the report and the flags.
    client_id,
    name,
    archived,
    added_on,
    first_set,
    program_name,
    program_start,
    planned_weekdays,
    daily_target,
    today,
    daily,
    stretching_asked,
    last_set,
    compliance_from,
    adherence_from,
    lower_share_min,
    lower_share_max,
    min_rest_days,
    leg_freq_min,
    leg_freq_max,
    leg_session_min_sets,
    balance_window_days,
    adherence_min,
    recovery_min,
    stretching_min,
    inactive_days,
    -- The window and its numbers.
    kind,
    first_day,
    last_day,
    sets_logged,
    working_sets_lower,
    working_sets_upper,
    lower_share,
    balance_band(lower_share, lower_share_min, lower_share_max) AS balance_band,
    leg_sessions,
    stretched_sessions,
    first_leg_session,
    last_leg_session,
    -- Daily programs are exempt from the rest rule and the weekly band, by design.
    gaps AS recovery_gaps,
    CASE WHEN NOT daily THEN gaps_ok END AS recovery_gaps_ok,
    CASE WHEN NOT daily THEN gaps_red END AS recovery_gaps_red,
    CASE WHEN NOT daily THEN CAST(gaps_ok AS DOUBLE) / nullif(gaps, 0) END AS recovery_compliance,
    weeks,
    program_weeks,
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
