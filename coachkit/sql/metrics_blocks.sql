-- The building blocks of METRICS.md over metric_scope (metrics_scope.sql) and metric_sets
-- (metrics_sets.sql), so that the summary, the weekly frames and the leg-session frame count
-- the same way. The set rows are read once, into metric_days; the rest is built from that
-- small table. All of them are
-- temporary: they live on the cursor that made the scope and vanish with it. Each window
-- carries its client's rules, so that the later queries need no join back to the scope (the
-- time DuckDB takes to plan a query grows with the tables it joins).

-- The balance band of a lower share (METRICS.md): below the band top-heavy, above it
-- lower-dominant; none without working sets.
CREATE OR REPLACE TEMP MACRO balance_band(share, low, high) AS
    CASE
        WHEN share < low THEN 'top-heavy'
        WHEN share > high THEN 'lower-dominant'
        WHEN share IS NOT NULL THEN 'balanced'
    END;

-- Each client's windows, one row per kind, with the client's rules. A window without a start
-- (no program, no set and no --since) is empty.
CREATE OR REPLACE TEMP TABLE metric_windows AS
SELECT
    m.client_id,
    w.kind,
    w.first_day,
    w.last_day,
    m.today,
    m.daily,
    m.program_start,
    coalesce(m.program_end, DATE '9999-12-31') AS program_end,
    m.weekly_target,
    m.daily_target,
    m.prescribed_exercises,
    m.min_rest_days,
    m.leg_freq_min,
    m.leg_freq_max,
    m.lower_share_min,
    m.lower_share_max
FROM metric_scope AS m,
    (
        VALUES
        ('compliance', m.compliance_first, m.compliance_last),
        ('balance', m.balance_first, m.balance_last),
        ('flags', m.flags_first, m.flags_last),
        ('recent', m.recent_first, m.recent_last)
    ) AS w (kind, first_day, last_day);

-- Several workouts on one date are one training day: per client and date, what its sets
-- credit. A day is a leg session when its lower credit reaches leg_session_min_sets, so that
-- one stray calf raise does not make a leg day. `positions` lists the current program's
-- exercises worked that day (a substitute the program names stands for its exercise); a daily
-- program's day is done when its exercise reaches the day's reps (100 squats) on a day of the
-- assignment.
CREATE OR REPLACE TEMP TABLE metric_days AS
WITH prescribed AS (
    SELECT program_id, slug, min(position) AS position
    FROM (
        SELECT program_id, position, exercise_slug AS slug FROM program_exercises
        UNION ALL
        SELECT program_id, position, unnest(string_split(substitutes, '|'))
        FROM program_exercises
        WHERE substitutes <> ''
    )
    GROUP BY program_id, slug
)

SELECT
    s.client_id,
    s.session_date,
    s.week_start,
    count(*) AS sets_logged,
    sum(s.lower_credit) AS lower_credit,
    sum(s.upper_credit) AS upper_credit,
    coalesce(sum(s.reps * s.weight_kg * s.lower_credit), 0) AS volume_lower,
    coalesce(sum(s.reps * s.weight_kg * s.upper_credit), 0) AS volume_upper,
    count(*) FILTER (WHERE s.region = 'stretch') AS stretch_sets,
    list_distinct(coalesce(list(rx.position) FILTER (WHERE s.working), [])) AS positions,
    sum(s.lower_credit) >= any_value(m.leg_session_min_sets) AS leg_session,
    coalesce(
        any_value(m.daily)
        AND s.session_date >= any_value(m.program_start)
        AND s.session_date < coalesce(any_value(m.program_end), DATE '9999-12-31')
        AND sum(s.reps) FILTER (WHERE rx.position IS NOT NULL) >= any_value(m.daily_target),
        false
    ) AS day_done
FROM metric_sets AS s
JOIN metric_scope AS m ON m.client_id = s.client_id
LEFT JOIN prescribed AS rx ON rx.program_id = m.program_id AND rx.slug = s.exercise_slug
GROUP BY s.client_id, s.session_date, s.week_start;

-- The leg sessions of each window, each with the gap since the previous one in the same
-- window and its traffic light: green at least min_rest_days (72 h between heavy leg
-- sessions: Israetel), amber one day short, red shorter. Daily programs are exempt: no light.
CREATE OR REPLACE TEMP TABLE metric_legs AS
SELECT
    client_id,
    kind,
    session_date,
    working_sets_lower,
    stretch_sets,
    stretched,
    previous_session,
    gap_days,
    CASE
        WHEN gap_days IS NULL OR daily THEN NULL
        WHEN gap_days >= min_rest_days THEN 'green'
        WHEN gap_days = min_rest_days - 1 THEN 'amber'
        ELSE 'red'
    END AS light
FROM (
    SELECT
        w.client_id,
        w.kind,
        w.daily,
        w.min_rest_days,
        d.session_date,
        d.lower_credit AS working_sets_lower,
        d.stretch_sets,
        d.stretch_sets > 0 AS stretched,
        lag(d.session_date) OVER by_window AS previous_session,
        d.session_date - lag(d.session_date) OVER by_window AS gap_days
    FROM metric_windows AS w
    JOIN metric_days AS d
        ON d.client_id = w.client_id AND d.session_date BETWEEN w.first_day AND w.last_day
    WHERE d.leg_session
    WINDOW by_window AS (PARTITION BY w.client_id, w.kind ORDER BY d.session_date)
);

-- The complete ISO weeks (Monday to Sunday) of each window that are over before today, with
-- what each week counts: working sets and volume load per side, leg sessions against the
-- band, stretched leg sessions, and the week's program adherence (METRICS.md): attendance
-- min(leg sessions, t) / t and the share of prescribed exercises performed, or for a daily
-- program the days done of the week's days in the assignment.
CREATE OR REPLACE TEMP TABLE metric_weeks AS
WITH by_week AS (
    SELECT
        client_id,
        week_start,
        sum(lower_credit) AS lower_credit,
        sum(upper_credit) AS upper_credit,
        sum(lower_credit) / nullif(sum(lower_credit) + sum(upper_credit), 0) AS lower_share,
        sum(volume_lower) AS volume_lower,
        sum(volume_upper) AS volume_upper,
        count(*) FILTER (WHERE leg_session) AS leg_sessions,
        count(*) FILTER (WHERE leg_session AND stretch_sets > 0) AS stretched_sessions,
        len(list_distinct(flatten(list(positions)))) AS covered,
        count(*) FILTER (WHERE day_done) AS days_done
    FROM metric_days
    GROUP BY client_id, week_start
),

counted AS (
    SELECT
        wk.*,
        coalesce(b.lower_credit, 0) AS working_sets_lower,
        coalesce(b.upper_credit, 0) AS working_sets_upper,
        b.lower_share,
        coalesce(b.volume_lower, 0) AS volume_load_lower_kg,
        coalesce(b.volume_upper, 0) AS volume_load_upper_kg,
        coalesce(b.leg_sessions, 0) AS leg_sessions,
        coalesce(b.stretched_sessions, 0) AS stretched_sessions,
        coalesce(b.covered, 0) AS covered,
        coalesce(b.days_done, 0) AS days_done,
        -- Adherence counts the complete weeks of the assignment (NULL: no program).
        wk.week_start >= wk.program_start AND wk.week_start + 6 < wk.program_end AS in_program,
        -- A daily program's days in this week that fall inside the assignment.
        least(wk.week_start + 6, wk.program_end - 1) - greatest(wk.week_start, wk.program_start)
            + 1 AS program_days
    FROM (
        SELECT w.*, CAST(g.monday AS DATE) AS week_start
        FROM metric_windows AS w,
            generate_series(
                date_trunc('week', w.first_day + 6),
                date_trunc('week', least(w.last_day, w.today - 1) + 1) - INTERVAL 7 DAY,
                INTERVAL 7 DAY
            ) AS g (monday)
    ) AS wk
    LEFT JOIN by_week AS b ON b.client_id = wk.client_id AND b.week_start = wk.week_start
)

SELECT
    client_id,
    kind,
    week_start,
    strftime(week_start, '%G-W%V') AS week,
    working_sets_lower,
    working_sets_upper,
    lower_share,
    balance_band(lower_share, lower_share_min, lower_share_max) AS balance_band,
    volume_load_lower_kg,
    volume_load_upper_kg,
    leg_sessions,
    -- Daily programs are exempt from the weekly band: no verdict for their weeks.
    CASE
        WHEN daily THEN NULL
        WHEN leg_sessions < leg_freq_min THEN 'under'
        WHEN leg_sessions > leg_freq_max THEN 'over'
        ELSE 'in band'
    END AS frequency,
    stretched_sessions,
    in_program,
    weekly_target,
    CASE
        WHEN daily THEN CAST(days_done AS DOUBLE) / nullif(greatest(program_days, 0), 0)
        WHEN in_program THEN CAST(least(leg_sessions, weekly_target) AS DOUBLE) / weekly_target
    END AS attendance,
    CASE
        WHEN in_program AND NOT daily AND leg_sessions > 0
            THEN CAST(covered AS DOUBLE) / nullif(prescribed_exercises, 0)
    END AS coverage
FROM counted;
