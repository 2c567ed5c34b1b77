-- FitNotes quotes nothing, so a comma inside a field splits its row: most often in the
-- exercise name (`Overhead Press (Each Side, Dumbbells)`), sometimes in the trailing comment.
-- The CSV reader splits each line into the layout's fields and `spare` columns after them,
-- padding short lines with NULL (an empty field reads as '', so padding is told from a blank),
-- and numbers the lines as they stream (ingest/read_csv.sql); a line with more fields than
-- that is refused with its line (reject_errors). A row whose fields fit the header, nearly
-- every row, is taken as it is. A row with surplus fields is repaired by joining them back
-- into the exercise name when the rest of the row then fits, else into the comment when the
-- layout ends with one and the row then fits; a row that fits neither way, or has too few
-- fields, is marked misfit and refused with its line. The file, its columns, the layout's
-- `width`, its `last` field and each canonical field's column number `at` (NULL when the
-- layout lacks it) come from the session variable import_source (ingest/source.sql).
CREATE OR REPLACE TEMP MACRO fitnotes_field(f, name) AS
    f[struct_extract(getvariable('import_source').at, name)];
CREATE OR REPLACE TEMP MACRO fitnotes_number_or_blank(v) AS
    coalesce(trim(v), '') = '' OR try_cast(trim(v) AS DOUBLE) IS NOT NULL;
-- Does a candidate row hold what FitNotes writes in each typed column?
CREATE OR REPLACE TEMP MACRO fitnotes_fits(f) AS
    fitnotes_number_or_blank(fitnotes_field(f, 'weight'))
    AND lower(coalesce(trim(fitnotes_field(f, 'weight_unit')), '')) IN ('', 'kgs', 'lbs', 'kg', 'lb')
    AND fitnotes_number_or_blank(fitnotes_field(f, 'reps'))
    AND fitnotes_number_or_blank(fitnotes_field(f, 'distance'))
    AND regexp_full_match(coalesce(trim(fitnotes_field(f, 'clock')), ''), '|[0-9:]+');
-- The two ways to join a row's surplus fields back (`extra` of them): into the exercise name
-- (the second field), or into the comment (the last).
CREATE OR REPLACE TEMP MACRO fitnotes_in_name(parts, extra) AS list_concat(
    parts[1:1],
    [array_to_string(parts[2:2 + extra], getvariable('import_source').delimiter)],
    parts[3 + extra:]
);
CREATE OR REPLACE TEMP MACRO fitnotes_in_comment(parts) AS list_concat(
    parts[1:getvariable('import_source').width - 1],
    [array_to_string(
        parts[getvariable('import_source').width:], getvariable('import_source').delimiter
    )]
);
CREATE OR REPLACE TEMP VIEW canon AS
WITH cells AS NOT MATERIALIZED (
    SELECT
        ordinality + 1 AS line,
        * EXCLUDE (ordinality),
        spare_1 IS NULL AND COLUMNS(getvariable('import_source').last) IS NOT NULL AS fits
    FROM read_csv(
        getvariable('import_source').path,
        header = false,
        skip = 1,
        auto_detect = false,
        all_varchar = true,
        columns = getvariable('import_source').columns,
        delim = getvariable('import_source').delimiter,
        quote = '',
        escape = '',
        nullstr = chr(1),
        null_padding = true,
        strict_mode = true,
        store_rejects = true,
        rejects_limit = 0
    ) WITH ORDINALITY
),
misfits AS (
    SELECT
        line,
        parts,
        len(parts) - getvariable('import_source').width AS extra
    FROM (
        SELECT line, list_filter(fields, v -> v IS NOT NULL) AS parts
        FROM (
            SELECT line, [*COLUMNS(c -> c NOT IN ('line', 'fits'))] AS fields
            FROM cells
            WHERE NOT fits
        )
    )
    WHERE len(parts) > 1 OR trim(parts[1]) <> ''  -- a blank line is no row
),
repaired AS (
    SELECT
        line,
        extra,
        CASE
            WHEN extra <= 0 THEN parts
            WHEN fitnotes_fits(fitnotes_in_name(parts, extra)) THEN fitnotes_in_name(parts, extra)
            WHEN getvariable('import_source').at.notes = getvariable('import_source').width
                AND fitnotes_fits(fitnotes_in_comment(parts)) THEN fitnotes_in_comment(parts)
        END AS f
    FROM misfits
)
SELECT
    line,
    0 AS sub,
    false AS repaired,
    NULL AS misfit,
    nullif(COLUMNS(c -> c NOT IN ('line', 'fits') AND c NOT LIKE 'spare\_%' ESCAPE '\'), '')
FROM cells
WHERE fits
UNION ALL BY NAME
SELECT
    line,
    0 AS sub,
    extra > 0 AS repaired,
    CASE
        WHEN extra < 0 OR f IS NULL THEN CAST(getvariable('import_source').width + extra AS VARCHAR)
    END AS misfit,
    nullif(trim(fitnotes_field(f, 'date')), '') AS date,
    nullif(trim(fitnotes_field(f, 'exercise')), '') AS exercise,
    nullif(trim(fitnotes_field(f, 'category')), '') AS category,
    nullif(trim(fitnotes_field(f, 'weight')), '') AS weight,
    nullif(trim(fitnotes_field(f, 'weight_unit')), '') AS weight_unit,
    nullif(trim(fitnotes_field(f, 'reps')), '') AS reps,
    nullif(trim(fitnotes_field(f, 'distance')), '') AS distance,
    nullif(trim(fitnotes_field(f, 'distance_unit')), '') AS distance_unit,
    nullif(trim(fitnotes_field(f, 'clock')), '') AS clock,
    nullif(trim(fitnotes_field(f, 'notes')), '') AS notes
FROM repaired;
