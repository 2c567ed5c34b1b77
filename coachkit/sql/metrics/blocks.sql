-- The building blocks of METRICS.md over metric_scope (metrics/scope.sql), so that the
-- summary and the chart frames count the same way. The set rows are read once, into
-- metric_days; the rest is built from that small table. All of them are temporary: they live
-- on the cursor that made the scope and vanish with it. The macros they use are in store/macros.sql.

-- Every set of the scoped clients over the span of their windows (metrics/scope.sql), with
-- its region and what it credits, as METRICS.md defines them; every metric counts from here.
-- The region is the catalog's for the exercise, else the fallback the import or the coach
-- gave. A working set is not a warm-up and not on a stretching or cardio exercise; it credits
-- 1 to its region, and a full-body exercise (thruster, burpee) 0.5 to lower and 0.5 to upper.
-- The clients are joined before the catalog so that only their sets are looked up.
CREATE OR REPLACE TEMP VIEW metric_sets AS
SELECT
    client_id,
    session_date,
    CAST(date_trunc('week', session_date) AS DATE) AS week_start,
    exercise_slug,
    exercise,
    logged_exercise,
    set_type,
    reps,
    weight_kg,
    duration_s,
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
    SELECT s.*, coalesce(e.region, s.category_region) AS region, e.name AS exercise
    FROM set_rows AS s
    JOIN metric_scope AS m
        ON
            m.client_id = s.client_id
            AND m.kind = 'compliance'
            AND s.session_date BETWEEN m.span_first AND m.span_last
    LEFT JOIN exercises AS e ON e.slug = s.exercise_slug
    -- The request's coach, and client if it names one, as constants (metrics/client.sql)
    -- that the scan of set_rows applies itself; the join above then keeps each window.
    WHERE
        s.coach_id = getvariable('metric_request').coach_id
        AND (
            getvariable('metric_request').client_id IS NULL
            OR s.client_id = getvariable('metric_request').client_id
        )
) AS sets;

-- Several workouts on one date are one training day: per client and date, what its sets
-- credit. A day is a leg session when its lower credit reaches leg_session_min_sets, so that
-- one stray calf raise does not make a leg day; each day knows the client's leg session
-- before it. `positions` lists the current program's exercises worked that day (a substitute
-- the program names stands for its exercise); a daily program's day is done when its exercise
-- reaches the day's reps (100 squats) on a day of the assignment.
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
),

days AS (
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
        -- The sets and reps of the program's own exercises (a daily plan's squats).
        count(*) FILTER (WHERE rx.position IS NOT NULL) AS program_sets,
        coalesce(sum(s.reps) FILTER (WHERE rx.position IS NOT NULL), 0) AS program_reps,
        list_distinct(coalesce(list(rx.position) FILTER (WHERE s.working), [])) AS positions,
        sum(s.lower_credit) >= any_value(m.leg_session_min_sets) AS leg_session,
        coalesce(
            any_value(m.daily)
            AND s.session_date >= any_value(m.program_start)
            AND s.session_date < any_value(m.program_end)
            AND sum(s.reps) FILTER (WHERE rx.position IS NOT NULL) >= any_value(m.daily_target),
            false
        ) AS day_done
    FROM metric_sets AS s
    JOIN metric_scope AS m ON m.client_id = s.client_id AND m.kind = 'compliance'
    LEFT JOIN prescribed AS rx ON rx.program_id = m.program_id AND rx.slug = s.exercise_slug
    GROUP BY s.client_id, s.session_date, s.week_start
)

SELECT
    *,
    last_value(CASE WHEN leg_session THEN session_date END IGNORE NULLS) OVER (
        PARTITION BY client_id
        ORDER BY session_date
        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
    ) AS previous_leg_session
FROM days;

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
        -- The Mondays from the first whole week to the last one over before today.
        SELECT
            w.*,
            CAST(unnest(generate_series(
                date_trunc('week', w.first_day + 6),
                date_trunc('week', least(w.last_day, w.today - 1) + 1) - INTERVAL 7 DAY,
                INTERVAL 7 DAY
            )) AS DATE) AS week_start
        FROM metric_scope AS w
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
