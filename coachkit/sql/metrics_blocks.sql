-- The building blocks of METRICS.md over metric_scope (metrics_scope.sql), so that the
-- summary, the weekly frames and the leg-session frame count the same way. The set rows are
-- read once, into metric_days; the rest is built from that small table. All of them are
-- temporary: they live on the cursor that made the scope and vanish with it.

-- Each client's windows, one row per kind; a window with no start (no program, no set and no
-- --since) is empty.
CREATE OR REPLACE TEMP TABLE metric_windows AS
SELECT client_id, 'compliance' AS kind, compliance_first AS first_day, compliance_last AS last_day
FROM metric_scope
UNION ALL
SELECT client_id, 'balance', balance_first, balance_last FROM metric_scope
UNION ALL
SELECT client_id, 'flags', flags_first, flags_last FROM metric_scope
UNION ALL
SELECT client_id, 'recent', recent_first, recent_last FROM metric_scope;

-- The current program's exercises per client; a substitute the coach named stands for its
-- exercise, so it shares that exercise's position.
CREATE OR REPLACE TEMP TABLE metric_prescribed AS
SELECT m.client_id, pe.position, pe.exercise_slug AS slug
FROM metric_scope AS m
JOIN program_exercises AS pe ON pe.program_id = m.program_id
UNION
SELECT m.client_id, pe.position, unnest(string_split(pe.substitutes, '|')) AS slug
FROM metric_scope AS m
JOIN program_exercises AS pe ON pe.program_id = m.program_id
WHERE pe.substitutes <> '';

-- Every set of the scoped clients over the span of their windows (and the 12 weeks before
-- the compliance window's end that the e1RM trend looks at), with its region and what it
-- credits, as METRICS.md defines them; every metric counts from here. The region is the
-- catalog's for the exercise, else the fallback the import or the coach gave. A working set
-- is not a warm-up and not on a stretching or cardio exercise; it credits 1 to its region,
-- and a full-body exercise (thruster, burpee) 0.5 to lower and 0.5 to upper. The clients are
-- joined before the catalog so that only their sets are looked up.
CREATE OR REPLACE TEMP VIEW metric_sets AS
SELECT
    client_id,
    session_date,
    CAST(date_trunc('week', session_date) AS DATE) AS week_start,
    exercise_slug,
    set_type,
    reps,
    weight_kg,
    region,
    set_type <> 'warmup' AND coalesce(region, '') NOT IN ('stretch', 'cardio') AS working,
    CAST(CASE
        WHEN set_type = 'warmup' THEN 0
        WHEN region = 'lower' THEN 1
        WHEN region = 'full' THEN 0.5
        ELSE 0
    END AS DOUBLE) AS lower_credit,
    CAST(CASE
        WHEN set_type = 'warmup' THEN 0
        WHEN region = 'upper' THEN 1
        WHEN region = 'full' THEN 0.5
        ELSE 0
    END AS DOUBLE) AS upper_credit
FROM (
    SELECT s.*, coalesce(e.region, s.category_region) AS region
    FROM set_rows AS s
    JOIN metric_scope AS m
        ON
            m.client_id = s.client_id
            AND s.session_date BETWEEN least(
                m.compliance_first,
                m.compliance_last - 83,
                m.balance_first,
                m.flags_first,
                m.recent_first
            ) AND greatest(m.compliance_last, m.balance_last, m.flags_last, m.recent_last)
    LEFT JOIN exercises AS e ON e.slug = s.exercise_slug
) AS sets;

-- Several workouts on one date are one training day: per client and date, what its sets
-- credit. A day is a leg session when its lower credit reaches leg_session_min_sets, so that
-- one stray calf raise does not make a leg day. `positions` lists the current program's
-- exercises worked that day (a substitute counts for its exercise); `prescribed_reps` counts
-- their reps, for the daily plan's 100 squats.
CREATE OR REPLACE TEMP TABLE metric_days AS
SELECT
    cs.client_id,
    cs.session_date,
    cs.week_start,
    count(*) AS sets_logged,
    sum(cs.lower_credit) AS lower_credit,
    sum(cs.upper_credit) AS upper_credit,
    coalesce(sum(cs.reps * cs.weight_kg * cs.lower_credit), 0) AS volume_lower,
    coalesce(sum(cs.reps * cs.weight_kg * cs.upper_credit), 0) AS volume_upper,
    count(*) FILTER (WHERE cs.region = 'stretch') AS stretch_sets,
    coalesce(sum(cs.reps) FILTER (WHERE rx.position IS NOT NULL), 0) AS prescribed_reps,
    list_distinct(coalesce(list(rx.position) FILTER (WHERE cs.working), [])) AS positions,
    sum(cs.lower_credit) >= any_value(m.leg_session_min_sets) AS leg_session
FROM metric_sets AS cs
JOIN metric_scope AS m ON m.client_id = cs.client_id
LEFT JOIN (
    SELECT client_id, slug, min(position) AS position FROM metric_prescribed GROUP BY ALL
) AS rx ON rx.client_id = cs.client_id AND rx.slug = cs.exercise_slug
GROUP BY cs.client_id, cs.session_date, cs.week_start;

-- The leg sessions of each window, each with the gap since the previous one in the same
-- window and its traffic light: green at least min_rest_days (72 h between heavy leg
-- sessions: Israetel), amber one day short, red shorter. Daily programs are exempt: no light.
CREATE OR REPLACE TEMP TABLE metric_legs AS
SELECT
    l.*,
    CASE
        WHEN l.gap_days IS NULL OR m.daily THEN NULL
        WHEN l.gap_days >= m.min_rest_days THEN 'green'
        WHEN l.gap_days = m.min_rest_days - 1 THEN 'amber'
        ELSE 'red'
    END AS light
FROM (
    SELECT
        w.client_id,
        w.kind,
        d.session_date,
        d.week_start,
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
) AS l
JOIN metric_scope AS m ON m.client_id = l.client_id;

-- The complete ISO weeks (Monday to Sunday) of each window that are over before today, with
-- what each week counts: working sets and volume load per side, leg sessions against the
-- band, stretched leg sessions, and the week's program adherence (METRICS.md): attendance
-- min(leg sessions, t) / t and the share of prescribed exercises performed, or for a daily
-- program the days done of the week's program days.
CREATE OR REPLACE TEMP TABLE metric_weeks AS
WITH weeks AS (
    SELECT w.client_id, w.kind, CAST(g.monday AS DATE) AS week_start
    FROM metric_windows AS w
    JOIN metric_scope AS m ON m.client_id = w.client_id,
        generate_series(
            date_trunc('week', w.first_day + 6),
            date_trunc('week', least(w.last_day, m.today - 1) + 1) - INTERVAL 7 DAY,
            INTERVAL 7 DAY
        ) AS g (monday)
),

by_week AS (
    SELECT
        client_id,
        week_start,
        sum(lower_credit) AS lower_credit,
        sum(upper_credit) AS upper_credit,
        sum(volume_lower) AS volume_lower,
        sum(volume_upper) AS volume_upper,
        count(*) FILTER (WHERE leg_session) AS leg_sessions,
        count(*) FILTER (WHERE leg_session AND stretch_sets > 0) AS stretched_sessions
    FROM metric_days
    GROUP BY client_id, week_start
),

-- (DISTINCT aggregates cost DuckDB milliseconds even on a few rows; SELECT DISTINCT does not.)
covered AS (
    SELECT client_id, week_start, count(*) AS exercises
    FROM (SELECT DISTINCT client_id, week_start, unnest(positions) AS position FROM metric_days)
    GROUP BY client_id, week_start
),

prescribed AS (
    SELECT client_id, count(*) AS exercises
    FROM (SELECT DISTINCT client_id, position FROM metric_prescribed)
    GROUP BY client_id
),

daily_done AS (
    SELECT d.client_id, d.week_start, count(*) AS days
    FROM metric_days AS d
    JOIN metric_scope AS m ON m.client_id = d.client_id
    WHERE
        m.daily
        AND d.prescribed_reps >= m.daily_target
        AND d.session_date >= m.program_start
        AND d.session_date < coalesce(m.program_end, DATE '9999-12-31')
    GROUP BY d.client_id, d.week_start
),

counted AS (
    SELECT
        wk.client_id,
        wk.kind,
        wk.week_start,
        coalesce(b.lower_credit, 0) AS working_sets_lower,
        coalesce(b.upper_credit, 0) AS working_sets_upper,
        b.lower_credit / nullif(b.lower_credit + b.upper_credit, 0) AS lower_share,
        coalesce(b.volume_lower, 0) AS volume_load_lower_kg,
        coalesce(b.volume_upper, 0) AS volume_load_upper_kg,
        coalesce(b.leg_sessions, 0) AS leg_sessions,
        coalesce(b.stretched_sessions, 0) AS stretched_sessions,
        CAST(coalesce(cv.exercises, 0) AS DOUBLE) / rx.exercises AS week_coverage,
        -- A daily program's days in this week that fall inside the assignment.
        least(wk.week_start + 6, coalesce(m.program_end, DATE '9999-12-31') - 1)
            - greatest(wk.week_start, m.program_start) + 1 AS program_days,
        coalesce(dd.days, 0) AS days_done,
        -- Adherence counts the complete weeks since the assignment's start (NULL: no program).
        wk.week_start >= m.program_start
            AND wk.week_start + 6 < coalesce(m.program_end, DATE '9999-12-31') AS in_program,
        m.daily,
        m.weekly_target,
        m.leg_freq_min,
        m.leg_freq_max,
        m.lower_share_min,
        m.lower_share_max
    FROM weeks AS wk
    JOIN metric_scope AS m ON m.client_id = wk.client_id
    LEFT JOIN by_week AS b ON b.client_id = wk.client_id AND b.week_start = wk.week_start
    LEFT JOIN covered AS cv ON cv.client_id = wk.client_id AND cv.week_start = wk.week_start
    LEFT JOIN daily_done AS dd ON dd.client_id = wk.client_id AND dd.week_start = wk.week_start
    LEFT JOIN prescribed AS rx ON rx.client_id = wk.client_id
)

SELECT
    client_id,
    kind,
    week_start,
    strftime(week_start, '%G-W%V') AS week,
    working_sets_lower,
    working_sets_upper,
    lower_share,
    CASE
        WHEN lower_share < lower_share_min THEN 'top-heavy'
        WHEN lower_share > lower_share_max THEN 'lower-dominant'
        WHEN lower_share IS NOT NULL THEN 'balanced'
    END AS balance_band,
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
    CASE
        WHEN NOT coalesce(in_program, false) AND NOT daily THEN NULL
        WHEN daily THEN CAST(days_done AS DOUBLE) / nullif(greatest(program_days, 0), 0)
        ELSE CAST(least(leg_sessions, weekly_target) AS DOUBLE) / weekly_target
    END AS attendance,
    CASE WHEN in_program AND NOT daily AND leg_sessions > 0 THEN week_coverage END AS coverage,
    weekly_target
FROM counted;
