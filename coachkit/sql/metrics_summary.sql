-- Every number of METRICS.md for one client over one window of dates ($first_day to $last_day)
-- in one row. metrics.py runs it once per window a report needs (compliance, balance, the
-- roster flags' last 28 days, the last 14 days) with the thresholds and the client's current
-- program resolved into parameters. The join on the coach is the tenant check.
WITH credited AS (
    -- The client's sets in the window with their region and credit (002_credited_sets.sql);
    -- the join on the coach is the tenant check.
    SELECT cs.*
    FROM credited_sets AS cs
    JOIN clients AS c ON c.id = cs.client_id AND c.coach_id = $coach_id
    WHERE cs.client_id = $client_id AND cs.session_date BETWEEN $first_day AND $last_day
),

-- The current program's exercises; a substitute the coach named stands for its exercise, so
-- it shares that exercise's position.
prescribed AS (
    SELECT position, exercise_slug AS slug
    FROM program_exercises
    WHERE program_id = $program_id
    UNION
    SELECT position, unnest(string_split(substitutes, '|')) AS slug
    FROM program_exercises
    WHERE program_id = $program_id AND substitutes <> ''
),

-- Several workouts on one date are one training day.
days AS (
    SELECT
        session_date,
        sum(lower_credit) AS lower_credit,
        sum(upper_credit) AS upper_credit,
        coalesce(bool_or(region = 'stretch'), false) AS stretched,
        coalesce(sum(reps) FILTER (WHERE exercise_slug IN (SELECT slug FROM prescribed)), 0)
            AS prescribed_reps
    FROM credited
    GROUP BY session_date
),

-- A leg session is a date with at least $leg_session_min_sets lower credit; its gap is the
-- days since the previous leg session in the window.
legs AS (
    SELECT
        session_date,
        stretched,
        session_date - lag(session_date) OVER (ORDER BY session_date) AS gap
    FROM days
    WHERE lower_credit >= $leg_session_min_sets
),

-- The complete ISO weeks, Monday to Sunday, inside the window and over before today.
weeks AS (
    SELECT CAST(monday AS DATE) AS week_start
    FROM generate_series(
        date_trunc('week', CAST($first_day AS DATE) + 6),
        date_trunc('week', least(CAST($last_day AS DATE), CAST($today AS DATE) - 1) + 1)
            - INTERVAL 7 DAY,
        INTERVAL 7 DAY
    ) AS g (monday)
),

covered AS (
    SELECT
        CAST(date_trunc('week', c.session_date) AS DATE) AS week_start,
        count(DISTINCT p.position) AS exercises
    FROM credited AS c
    JOIN prescribed AS p ON p.slug = c.exercise_slug
    WHERE c.working
    GROUP BY week_start
),

week_stats AS (
    SELECT
        w.week_start,
        (
            SELECT count(*) FROM legs AS l
            WHERE l.session_date BETWEEN w.week_start AND w.week_start + 6
        ) AS leg_sessions,
        CAST(coalesce(cv.exercises, 0) AS DOUBLE)
            / nullif((SELECT count(DISTINCT position) FROM prescribed), 0) AS coverage,
        -- Adherence counts the complete weeks since the assignment's start (NULL: no program).
        w.week_start >= $program_start
            AND w.week_start + 6 < coalesce($program_end, DATE '9999-12-31') AS in_program
    FROM weeks AS w
    LEFT JOIN covered AS cv USING (week_start)
),

leg_totals AS (
    SELECT
        count(*) AS leg_sessions,
        min(session_date) AS first_leg_session,
        max(session_date) AS last_leg_session,
        count(*) FILTER (WHERE stretched) AS stretched_sessions,
        count(gap) AS gaps,
        count(*) FILTER (WHERE gap >= $min_rest_days) AS gaps_ok,
        count(*) FILTER (WHERE gap < $min_rest_days - 1) AS gaps_red
    FROM legs
),

week_totals AS (
    SELECT
        count(*) AS weeks,
        count(*) FILTER (WHERE leg_sessions BETWEEN $leg_freq_min AND $leg_freq_max) AS weeks_ok,
        count(*) FILTER (WHERE leg_sessions < $leg_freq_min) AS weeks_under,
        count(*) FILTER (WHERE leg_sessions > $leg_freq_max) AS weeks_over,
        CAST(sum(least(leg_sessions, $weekly_target)) FILTER (WHERE in_program) AS DOUBLE)
            / nullif(sum($weekly_target) FILTER (WHERE in_program), 0) AS weekly_attendance,
        avg(coverage) FILTER (WHERE in_program AND leg_sessions > 0) AS coverage
    FROM week_stats
),

-- Daily programs: a day is done when the prescribed exercise reaches the day's reps (100
-- squats). The days counted are the program's days in the window before today.
daily AS (
    SELECT
        greatest(
            0,
            least(
                CAST($last_day AS DATE), CAST($today AS DATE) - 1, CAST($program_end AS DATE) - 1
            ) - greatest(CAST($first_day AS DATE), CAST($program_start AS DATE)) + 1
        ) AS days,
        (
            SELECT count(*) FROM days AS d
            WHERE
                d.prescribed_reps >= $daily_target
                AND d.session_date >= $program_start
                AND d.session_date < least(CAST($today AS DATE), CAST($program_end AS DATE))
        ) AS done
),

attendance AS (
    SELECT
        CASE
            WHEN $program_id IS NULL THEN NULL
            WHEN $daily THEN CAST(daily.done AS DOUBLE) / nullif(daily.days, 0)
            ELSE week_totals.weekly_attendance
        END AS attendance,
        CASE WHEN $daily THEN NULL ELSE week_totals.coverage END AS coverage
    FROM daily, week_totals
),

totals AS (
    SELECT
        (SELECT count(*) FROM credited) AS sets_logged,
        (SELECT max(session_date) FROM credited) AS last_set,
        coalesce(sum(lower_credit), 0) AS working_sets_lower,
        coalesce(sum(upper_credit), 0) AS working_sets_upper,
        sum(lower_credit) / nullif(sum(lower_credit) + sum(upper_credit), 0) AS lower_share
    FROM days
)

SELECT
    t.sets_logged,
    t.last_set,
    t.working_sets_lower,
    t.working_sets_upper,
    t.lower_share,
    CASE
        WHEN t.lower_share < $lower_share_min THEN 'top-heavy'
        WHEN t.lower_share > $lower_share_max THEN 'lower-dominant'
        WHEN t.lower_share IS NOT NULL THEN 'balanced'
    END AS balance_band,
    l.leg_sessions,
    l.first_leg_session,
    l.last_leg_session,
    -- Daily programs are exempt from the rest rule and the weekly band, by design.
    l.gaps AS recovery_gaps,
    CASE WHEN NOT $daily THEN l.gaps_ok END AS recovery_gaps_ok,
    CASE WHEN NOT $daily THEN l.gaps_red END AS recovery_gaps_red,
    CASE WHEN NOT $daily THEN CAST(l.gaps_ok AS DOUBLE) / nullif(l.gaps, 0) END
        AS recovery_compliance,
    w.weeks,
    CASE WHEN NOT $daily THEN w.weeks_ok END AS weeks_leg_frequency_ok,
    CASE WHEN NOT $daily THEN w.weeks_under END AS weeks_under,
    CASE WHEN NOT $daily THEN w.weeks_over END AS weeks_over,
    CASE WHEN NOT $daily THEN CAST(w.weeks_ok AS DOUBLE) / nullif(w.weeks, 0) END
        AS leg_frequency_compliance,
    CAST(l.stretched_sessions AS DOUBLE) / nullif(l.leg_sessions, 0) AS stretching_compliance,
    a.attendance,
    a.coverage,
    -- With no week that had a leg session, coverage is undefined and attendance (then 0) is
    -- the adherence; a daily program's day already checks its one exercise.
    coalesce((a.attendance + a.coverage) / 2, a.attendance) AS adherence
FROM totals AS t, leg_totals AS l, week_totals AS w, attendance AS a;
