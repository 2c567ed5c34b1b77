-- StrongLifts writes one row per exercise with the sets in column pairs set_reps_N and
-- set_weight_N; this turns them into one row per set, numbered N (sub) within the line.
-- The set columns are gathered into one list per row in header order; the session variable
-- import_source (ingest/source.sql) says, for each set N (`sets`), where its reps and its weight
-- sit in that list (`reps_at`, `weight_at`; 0 where the header has no such column). Unnesting
-- the lists side by side streams, where unpivoting and regrouping the pairs held every cell
-- in a hash table. A slot with neither reps nor weight was never a set and is left out.
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
cells AS (
    SELECT line, date, workout_name, exercise, [*COLUMNS('^set_(reps|weight)_[0-9]+$')] AS cells
    FROM wide
),
slots AS (
    SELECT
        line,
        date,
        workout_name,
        exercise,
        unnest(getvariable('import_source').sets) AS sub,
        unnest(list_select(cells, getvariable('import_source').reps_at)) AS reps,
        unnest(list_select(cells, getvariable('import_source').weight_at)) AS weight
    FROM cells
)
SELECT * FROM slots WHERE reps IS NOT NULL OR weight IS NOT NULL;
