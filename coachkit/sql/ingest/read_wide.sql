-- StrongLifts writes one row per exercise with the sets in column pairs set_reps_N and
-- set_weight_N; this turns them into one row per set, numbered by N within the line.
-- A view, numbered and read like ingest/read_csv.sql.
CREATE OR REPLACE TEMP VIEW canon AS
WITH wide AS (
    SELECT ordinality + 1 AS line, * EXCLUDE (ordinality)
    FROM read_csv(
        getvariable('import_source').path, header = false, skip = 1, auto_detect = false, all_varchar = true,
        columns = getvariable('import_source').columns, delim = getvariable('import_source').delimiter, quote = '"', escape = '"', strict_mode = true,
        null_padding = false, store_rejects = true, rejects_limit = 0
    ) WITH ORDINALITY
),
long AS (
    UNPIVOT wide ON COLUMNS('^set_(reps|weight)_[0-9]+$') INTO NAME field VALUE value
)
SELECT
    line,
    CAST(regexp_extract(field, '[0-9]+$') AS INTEGER) AS sub,
    any_value(date) AS date,
    any_value(workout_name) AS workout_name,
    any_value(exercise) AS exercise,
    max(value) FILTER (WHERE field LIKE 'set_reps_%') AS reps,
    max(value) FILTER (WHERE field LIKE 'set_weight_%') AS weight
FROM long
GROUP BY line, sub;
