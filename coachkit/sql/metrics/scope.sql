-- Who the metrics look at and over which dates, as the temporary table metric_scope: one row
-- per client of $coach_id ($client_id alone, or all of them when it is NULL) and window of
-- METRICS.md, each with the rules that apply to the client. Every other query in sql/metrics/ reads
-- this table, so thresholds and windows are decided here and nowhere else.
--
-- Thresholds: the client's own setting, else the current weekly program's band and rest days,
-- else the default that metrics.Thresholds passes in as $default_*.
-- Windows ($since and $until, when given, replace the balance, compliance and adherence windows):
--   compliance: the last 12 complete ISO weeks, ending with the last one over before $today and
--               starting no earlier than the Monday of the client's first logged set (history
--               before a program is the baseline); none while no such week is over;
--   adherence:  from the current program's start to the same Sunday;
--   balance:    the last balance_window_days days, $today included;
--   flags:      the last balance_window_days days up to $until (or $today), for the roster flags;
--   recent:     the last inactive_days days up to the same day, for the two "no ..." flags;
--   last4:      the last 4 complete weeks up to the same day, for "too many leg days".
-- A window that would end before it starts has no first and no last day; `compliance_from` and
-- `adherence_from` then say from which day it will have a complete week.
CREATE OR REPLACE TEMP TABLE metric_scope AS
WITH picked AS (
    SELECT id AS client_id, name, archived, CAST(created_at AS DATE) AS added_on
    FROM clients
    WHERE
        coach_id = $coach_id
        AND (id = $client_id OR ($client_id IS NULL AND ($include_archived OR NOT archived)))
),

-- The assignment current on $today: the newest one that has started and not ended.
current AS (
    SELECT
        a.client_id,
        arg_max(
            {
                'program_id': a.program_id,
                'start_date': a.start_date,
                'end_date': a.end_date,
                'weekly_target': a.weekly_target,
                'planned_weekdays': a.planned_weekdays
            },
            (a.start_date, a.created_at)
        ) AS picked
    FROM assignments AS a
    JOIN picked AS p ON p.client_id = a.client_id
    WHERE a.coach_id = $coach_id AND a.start_date <= $today AND coalesce(a.end_date > $today, true)
    GROUP BY a.client_id
),

-- The programs this coach may use: the built-in templates (coach_id NULL) and their own, with
-- how many exercises each prescribes (exercise coverage is out of that many).
usable AS (
    SELECT
        p.id,
        any_value(p.name) AS name,
        any_value(p.kind) AS kind,
        any_value(p.leg_freq_min) AS leg_freq_min,
        any_value(p.leg_freq_max) AS leg_freq_max,
        any_value(p.min_rest_days) AS min_rest_days,
        any_value(p.daily_reps_target) AS daily_reps_target,
        any_value(p.stretching_required) AS stretching_required,
        count(pe.position) AS prescribed_exercises
    FROM programs AS p
    LEFT JOIN program_exercises AS pe ON pe.program_id = p.id
    WHERE p.coach_id IS NULL OR p.coach_id = $coach_id
    GROUP BY p.id
),

-- The first logged set starts the compliance window of a client without a program; the last
-- one up to the flags' end day is the roster's "last session".
logged AS (
    SELECT
        s.client_id,
        min(s.session_date) AS first_set,
        max(s.session_date) FILTER (WHERE s.session_date <= coalesce($until, $today)) AS last_set
    FROM set_rows AS s
    JOIN picked AS p ON p.client_id = s.client_id
    -- Constants the scan applies (see metrics/client.sql).
    WHERE s.coach_id = $coach_id AND ($client_id IS NULL OR s.client_id = $client_id)
    GROUP BY s.client_id
),

resolved AS (
    SELECT
        p.client_id,
        p.name,
        p.archived,
        p.added_on,
        pr.id AS program_id,
        pr.name AS program_name,
        coalesce(pr.kind = 'daily', false) AS daily,
        -- Without a program the guidance still asks for a stretch after legs.
        coalesce(pr.stretching_required, true) AS stretching_asked,
        -- An assignment counts only with a program this coach may use.
        CASE WHEN pr.id IS NOT NULL THEN a.start_date END AS program_start,
        -- An open assignment runs to 9999-12-31.
        CASE WHEN pr.id IS NOT NULL THEN coalesce(a.end_date, DATE '9999-12-31') END
            AS program_end,
        CASE WHEN pr.id IS NOT NULL THEN a.planned_weekdays END AS planned_weekdays,
        coalesce(a.weekly_target, pr.leg_freq_max) AS weekly_target,
        pr.daily_reps_target AS daily_target,
        pr.prescribed_exercises,
        coalesce(s.lower_share_min, $default_lower_share_min) AS lower_share_min,
        coalesce(s.lower_share_max, $default_lower_share_max) AS lower_share_max,
        CAST(coalesce(
            s.min_rest_days,
            CASE WHEN pr.kind = 'weekly' THEN pr.min_rest_days END,
            $default_min_rest_days
        ) AS INTEGER) AS min_rest_days,
        CAST(coalesce(
            s.leg_freq_min,
            CASE WHEN pr.kind = 'weekly' THEN pr.leg_freq_min END,
            $default_leg_freq_min
        ) AS INTEGER) AS leg_freq_min,
        CAST(coalesce(
            s.leg_freq_max,
            CASE WHEN pr.kind = 'weekly' THEN pr.leg_freq_max END,
            $default_leg_freq_max
        ) AS INTEGER) AS leg_freq_max,
        coalesce(s.leg_session_min_sets, $default_leg_session_min_sets) AS leg_session_min_sets,
        CAST(coalesce(s.balance_window_days, $default_balance_window_days) AS INTEGER)
            AS balance_window_days,
        coalesce(s.adherence_min, $default_adherence_min) AS adherence_min,
        coalesce(s.recovery_min, $default_recovery_min) AS recovery_min,
        coalesce(s.stretching_min, $default_stretching_min) AS stretching_min,
        CAST(coalesce(s.inactive_days, $default_inactive_days) AS INTEGER) AS inactive_days,
        f.first_set,
        f.last_set,
        CAST($today AS DATE) AS today,
        CAST(coalesce($until, $today) AS DATE) AS flag_end
    FROM picked AS p
    LEFT JOIN (SELECT client_id, unnest(picked) FROM current) AS a ON a.client_id = p.client_id
    LEFT JOIN usable AS pr ON pr.id = a.program_id
    LEFT JOIN client_settings AS s ON s.client_id = p.client_id AND s.coach_id = $coach_id
    LEFT JOIN logged AS f ON f.client_id = p.client_id
),

-- The windows, each from the columns before it (DuckDB reads aliases left to right).
dated AS (
    SELECT
        *,
        $since IS NOT NULL OR $until IS NOT NULL AS chosen,
        -- The last complete ISO week ended on the Sunday before today (or $until's own Sunday).
        CAST(CASE
            WHEN chosen THEN flag_end
            ELSE today - CAST(isodow(today) AS INTEGER)
        END AS DATE) AS last_sunday,
        CAST(date_trunc('week', first_set) AS DATE) AS first_monday,
        CAST(CASE
            WHEN chosen THEN coalesce($since, program_start, first_set)
            -- greatest() skips NULLs: without a logged set there is no window.
            WHEN first_set IS NOT NULL THEN greatest(first_monday, last_sunday - 83)
        END AS DATE) AS compliance_start,
        CAST(CASE WHEN compliance_start <= last_sunday THEN compliance_start END AS DATE)
            AS compliance_first,
        CASE WHEN compliance_first IS NOT NULL THEN last_sunday END AS compliance_last,
        CASE WHEN compliance_first IS NULL THEN first_monday + 7 END AS compliance_from,
        CAST(CASE
            WHEN chosen THEN coalesce($since, program_start, first_set)
            ELSE program_start
        END AS DATE) AS adherence_start,
        CASE WHEN adherence_start <= last_sunday THEN adherence_start END AS adherence_first,
        CASE WHEN adherence_first IS NOT NULL THEN last_sunday END AS adherence_last,
        -- The first whole week of the program is over on its Sunday.
        CAST(date_trunc('week', program_start + 6) + INTERVAL 7 DAY AS DATE) AS adherence_from,
        CASE
            WHEN NOT chosen THEN today - (balance_window_days - 1)
            ELSE compliance_first
        END AS balance_first,
        CASE
            WHEN NOT chosen THEN today
            WHEN compliance_first IS NOT NULL THEN compliance_last
        END AS balance_last,
        flag_end - (balance_window_days - 1) AS flags_first,
        flag_end AS flags_last,
        flag_end - (inactive_days - 1) AS recent_first,
        flag_end AS recent_last,
        -- The Sunday that ends the last complete week up to flag_end.
        CAST(flag_end - CAST(isodow(flag_end) % 7 AS INTEGER) AS DATE) AS last4_last,
        last4_last - 27 AS last4_first
    FROM resolved
)

-- One row per window (the unnests run side by side). A window without a start (no program,
-- no set and no --since) is empty. The span is every day any of the client's windows looks
-- at, with the 12 weeks before the compliance window's end that the e1RM trend reads.
SELECT
    client_id,
    name,
    archived,
    added_on,
    first_set,
    program_id,
    program_name,
    daily,
    stretching_asked,
    program_start,
    program_end,
    planned_weekdays,
    weekly_target,
    daily_target,
    prescribed_exercises,
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
    last_set,
    compliance_from,
    adherence_from,
    today,
    least(
        compliance_first, last_sunday - 83, adherence_first, balance_first, flags_first,
        recent_first, last4_first
    ) AS span_first,
    greatest(compliance_last, adherence_last, balance_last, flags_last, recent_last, last4_last)
        AS span_last,
    unnest(['compliance', 'adherence', 'balance', 'flags', 'recent', 'last4']) AS kind,
    unnest([
        compliance_first, adherence_first, balance_first, flags_first, recent_first, last4_first
    ]) AS first_day,
    unnest([compliance_last, adherence_last, balance_last, flags_last, recent_last, last4_last])
        AS last_day
FROM dated;
