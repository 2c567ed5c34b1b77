-- Turns the canonical text columns of canon (any layout) into typed, checked set rows in the
-- temporary table staged. Each row ends with at most one of: a skip reason (not a set: rest
-- timer and note rows, no reps and no duration) or the first error found (code, column, value).
-- Units become kg, m and s; kg values are rounded to 0.01 so that kg<->lb float dust
-- (149.99999999999997) disappears. $weight_unit / $distance_unit are the file's units, or NULL
-- when each row names its own. Limits ($max_*) and the date range are import rules, not metrics.
CREATE OR REPLACE TEMP TABLE staged AS
WITH src AS (
    SELECT *
    FROM (
        SELECT
            NULL::BIGINT AS line, NULL::INTEGER AS sub, NULL::BOOLEAN AS repaired,
            NULL::VARCHAR AS misfit, NULL::VARCHAR AS date, NULL::VARCHAR AS end_time,
            NULL::VARCHAR AS workout_name, NULL::VARCHAR AS workout_duration,
            NULL::VARCHAR AS exercise, NULL::VARCHAR AS category, NULL::VARCHAR AS set_order,
            NULL::VARCHAR AS set_type, NULL::VARCHAR AS set_number, NULL::VARCHAR AS weight,
            NULL::VARCHAR AS weight_unit,
            NULL::VARCHAR AS reps, NULL::VARCHAR AS distance, NULL::VARCHAR AS distance_unit,
            NULL::VARCHAR AS seconds, NULL::VARCHAR AS clock, NULL::VARCHAR AS rpe,
            NULL::VARCHAR AS notes, NULL::VARCHAR AS workout_notes
        WHERE false
    )
    UNION ALL BY NAME
    SELECT * FROM canon
),
text AS (
    -- Empty cells arrive as NULL (the FitNotes reader makes them so too) and casts ignore
    -- surrounding spaces, so only names are trimmed, and only when they need it: trimming
    -- every cell was a quarter of an import's time (bench/ingest.py).
    SELECT
        line,
        coalesce(sub, 0) AS sub,
        coalesce(repaired, false) AS repaired,
        misfit,
        date AS date_text,
        CASE
            WHEN workout_name LIKE ' %' OR workout_name LIKE '% '
                THEN nullif(trim(workout_name), '')
            ELSE workout_name
        END AS workout_name,
        workout_duration AS duration_text,
        CASE
            WHEN exercise LIKE ' %' OR exercise LIKE '% ' THEN nullif(trim(exercise), '')
            ELSE exercise
        END AS logged_exercise,
        category,
        lower(trim(coalesce(set_type, set_order, ''))) AS kind,
        weight AS weight_text,
        lower(trim(coalesce(weight_unit, $weight_unit))) AS weight_unit,
        reps AS reps_text,
        distance AS distance_text,
        lower(trim(coalesce(distance_unit, $distance_unit))) AS distance_unit,
        coalesce(seconds, clock) AS seconds_text,
        rpe AS rpe_text,
        notes,
        -- One cast serves twice: Hevy's set_index, or Strong's numbered set order (1, 2, 3;
        -- W, D, F and the pseudo-rows give NULL), which also marks a working set.
        try_cast(coalesce(set_number, set_order) AS DOUBLE) AS app_number,
        set_type IS NULL AND app_number IS NOT NULL AS numbered
    FROM src
),
parsed AS (
    SELECT
        *,
        -- ISO dates (most layouts) take DuckDB's fast cast; other layouts list their formats.
        -- Phones in US English put a narrow no-break space (U+202F) before AM and PM, and
        -- some locales a no-break space (U+00A0) elsewhere: both read as a space.
        CASE
            WHEN $iso_dates THEN try_cast(date_text AS TIMESTAMP)
            ELSE try_strptime(
                replace(replace(date_text, chr(8239), ' '), chr(160), ' '), $date_formats
            )
        END AS performed_at,
        -- Decimal commas (12,5) come from semicolon exports in European locales.
        coalesce(try_cast(weight_text AS DOUBLE), try_cast(replace(weight_text, ',', '.') AS DOUBLE)) AS weight_num,
        coalesce(try_cast(reps_text AS DOUBLE), try_cast(replace(reps_text, ',', '.') AS DOUBLE)) AS reps_num,
        coalesce(try_cast(distance_text AS DOUBLE), try_cast(replace(distance_text, ',', '.') AS DOUBLE)) AS distance_num,
        CASE
            WHEN NOT contains(seconds_text, ':')
                THEN coalesce(
                    try_cast(seconds_text AS DOUBLE),
                    try_cast(replace(seconds_text, ',', '.') AS DOUBLE)
                )
            WHEN regexp_full_match(seconds_text, '[0-9]+:[0-9]{1,2}:[0-9]{1,2}')
                THEN list_reduce(
                    list_transform(string_split(seconds_text, ':'), x -> CAST(x AS DOUBLE)),
                    (acc, x) -> acc * 60 + x
                )
            WHEN regexp_full_match(seconds_text, '[0-9]+:[0-9]{1,2}')
                THEN CAST(split_part(seconds_text, ':', 1) AS DOUBLE) * 60
                    + CAST(split_part(seconds_text, ':', 2) AS DOUBLE)
        END AS seconds_num,
        coalesce(try_cast(rpe_text AS DOUBLE), try_cast(replace(rpe_text, ',', '.') AS DOUBLE)) AS rpe_value,
        -- Strong writes RPE 0 on every row for "no RPE" (layout F): it is no value.
        nullif(rpe_value, 0) AS rpe_num,
        -- Workout durations are free text in Strong F and G (31m, 1h 3m, 38min, 264h 1m) and
        -- whole seconds in H.
        CASE
            WHEN regexp_full_match(duration_text, '[0-9]+(\.[0-9]+)?')
                THEN CAST(duration_text AS DOUBLE)
            WHEN regexp_matches(duration_text, '[0-9]+\s*(h|m|s)')
                THEN coalesce(try_cast(regexp_extract(duration_text, '([0-9]+)\s*h', 1) AS DOUBLE), 0) * 3600
                    + coalesce(try_cast(regexp_extract(duration_text, '([0-9]+)\s*m', 1) AS DOUBLE), 0) * 60
                    + coalesce(try_cast(regexp_extract(duration_text, '([0-9]+)\s*s(?:ec)?\b', 1) AS DOUBLE), 0)
        END AS workout_duration_s,
        CASE
            WHEN numbered OR kind IN ('', 'normal', 'working', 'work') THEN 'working'
            WHEN kind IN ('w', 'warmup', 'warm-up', 'warm up') THEN 'warmup'
            WHEN kind IN ('d', 'drop', 'dropset', 'drop set') THEN 'drop'
            WHEN kind IN ('f', 'failure') THEN 'failure'
            WHEN kind = 'rest timer' THEN 'rest'
            WHEN kind = 'note' THEN 'note'
        END AS set_type,
        CASE weight_unit
            WHEN 'kg' THEN 1.0 WHEN 'kgs' THEN 1.0
            WHEN 'lb' THEN 0.45359237 WHEN 'lbs' THEN 0.45359237
        END AS kg_per_unit,
        CASE distance_unit
            WHEN 'km' THEN 1000.0 WHEN 'm' THEN 1.0 WHEN 'meters' THEN 1.0 WHEN 'metres' THEN 1.0
            WHEN 'mi' THEN 1609.344 WHEN 'mi.' THEN 1609.344 WHEN 'miles' THEN 1609.344
            WHEN 'mile' THEN 1609.344 WHEN 'yd' THEN 0.9144 WHEN 'ft' THEN 0.3048
        END AS m_per_unit
    FROM text
),
counted AS (
    -- A row with no reps and no duration is not a set (METRICS.md), whatever else it holds: a
    -- distance-only cardio row with a blank unit (Strong C) is skipped before its units are
    -- judged. Reps or seconds that do not read as numbers are errors, not an empty row.
    SELECT
        *,
        coalesce(reps_num, 0) = 0 AND coalesce(seconds_num, 0) = 0
            AND (reps_text IS NULL OR reps_num IS NOT NULL)
            AND (seconds_text IS NULL OR seconds_num IS NOT NULL) AS no_set
    FROM parsed
),
checked AS (
    SELECT
        *,
        CASE
            WHEN set_type IN ('rest', 'note') THEN NULL
            WHEN misfit IS NOT NULL THEN 'fields'
            WHEN date_text IS NULL THEN 'date_missing'
            WHEN performed_at IS NULL THEN 'date_unparsed'
            WHEN performed_at < $earliest OR performed_at >= $latest THEN 'date_range'
            WHEN logged_exercise IS NULL THEN 'exercise_missing'
            WHEN set_type IS NULL THEN 'set_type'
            WHEN no_set THEN NULL
            WHEN weight_text IS NOT NULL AND weight_num IS NULL THEN 'weight_nan'
            WHEN weight_num < 0 THEN 'weight_negative'
            WHEN weight_num > 0 AND kg_per_unit IS NULL AND weight_unit IS NULL THEN 'unit_missing'
            WHEN weight_num > 0 AND kg_per_unit IS NULL THEN 'unit_unknown'
            WHEN weight_num * kg_per_unit > $max_kg THEN 'weight_absurd'
            WHEN reps_text IS NOT NULL AND reps_num IS NULL THEN 'reps_nan'
            WHEN reps_num < 0 THEN 'reps_negative'
            WHEN reps_num <> floor(reps_num) THEN 'reps_fraction'
            WHEN reps_num > $max_reps THEN 'reps_absurd'
            WHEN seconds_text IS NOT NULL AND seconds_num IS NULL THEN 'seconds_nan'
            WHEN seconds_num < 0 THEN 'seconds_negative'
            WHEN seconds_num > $max_seconds THEN 'seconds_absurd'
            WHEN distance_text IS NOT NULL AND distance_num IS NULL THEN 'distance_nan'
            WHEN distance_num < 0 THEN 'distance_negative'
            WHEN distance_num > 0 AND m_per_unit IS NULL THEN 'distance_unit'
            WHEN distance_num * m_per_unit > $max_m THEN 'distance_absurd'
            WHEN rpe_text IS NOT NULL AND (rpe_value IS NULL OR rpe_num < 1 OR rpe_num > 10)
                THEN 'rpe_range'
        END AS error_code
    FROM counted
)
-- Skip reasons are short codes (ingest.SKIP_TEXT words them), and skipped rows keep no names:
-- strings past 12 bytes cost DuckDB a heap copy each, and rest-timer rows can be half a file.
SELECT
    line,
    sub,
    repaired,
    performed_at,
    CASE WHEN skip IS NULL THEN workout_name END AS workout_name,
    CASE WHEN skip IS NULL THEN logged_exercise END AS logged_exercise,
    CASE WHEN skip IS NULL THEN category END AS category,
    set_type,
    -- Only a checked value fits an integer; an error row keeps its text in error_value.
    CASE WHEN error_code IS NULL THEN CAST(reps_num AS INTEGER) END AS reps,
    round(weight_num * coalesce(kg_per_unit, 1.0), 2) AS weight_kg,
    seconds_num AS duration_s,
    round(distance_num * m_per_unit, 2) AS distance_m,
    rpe_num AS rpe,
    CASE WHEN skip IS NULL THEN notes END AS notes,
    workout_duration_s,
    app_number AS set_number,
    skip AS skip_reason,
    error_code,
    CASE WHEN error_code IS NOT NULL THEN
        CASE
            WHEN error_code = 'fields' THEN misfit
            WHEN error_code LIKE 'date%' THEN date_text
            WHEN error_code = 'set_type' THEN kind
            WHEN error_code LIKE 'weight%' THEN weight_text
            WHEN error_code LIKE 'unit%' THEN coalesce(weight_unit, '')
            WHEN error_code LIKE 'reps%' THEN reps_text
            WHEN error_code LIKE 'seconds%' THEN seconds_text
            WHEN error_code = 'distance_unit' THEN distance_unit
            WHEN error_code LIKE 'distance%' THEN distance_text
            WHEN error_code = 'rpe_range' THEN rpe_text
        END
    END AS error_value
FROM (
    SELECT
        *,
        CASE
            WHEN set_type IN ('rest', 'note') THEN set_type
            WHEN error_code IS NULL AND no_set THEN 'empty'
        END AS skip
    FROM checked
);
