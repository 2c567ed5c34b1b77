-- FitNotes quotes nothing, so a comma inside a field splits its row: most often in the
-- exercise name (`Overhead Press (Each Side, Dumbbells)`), sometimes in the trailing comment.
-- Each line is read whole (a view numbered as in ingest/read_csv.sql) and split on the delimiter. A row with surplus fields is repaired by
-- joining them back into the exercise name when the rest of the row then fits, else into the
-- comment when the layout ends with one and the row then fits; a row that fits neither way, or
-- has too few fields, is marked misfit and refused with its line. Field positions come from
-- the session variable import_source (ingest/source.sql): width, and `at`, each canonical
-- field's column number (NULL when the layout lacks it). Empty fields become NULL, as the
-- CSV reader gives them for the other layouts.
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
CREATE OR REPLACE TEMP VIEW canon AS
WITH lines AS (
    SELECT ordinality + 1 AS line, rtrim(text, chr(13)) AS text
    FROM read_csv(
        getvariable('import_source').path, header = false, skip = 1, auto_detect = false,
        delim = chr(0), quote = '', escape = '', columns = {'text': 'VARCHAR'},
        strict_mode = false
    ) WITH ORDINALITY
),
split AS (
    SELECT
        line,
        string_split(text, getvariable('import_source').delimiter) AS parts,
        len(string_split(text, getvariable('import_source').delimiter))
            - getvariable('import_source').width AS extra
    FROM lines
    WHERE trim(text) <> ''
),
candidates AS (
    SELECT
        line,
        extra,
        parts,
        list_concat(
            parts[1:1],
            [array_to_string(parts[2:2 + extra], getvariable('import_source').delimiter)],
            parts[3 + extra:]
        ) AS in_name,
        list_concat(
            parts[1:getvariable('import_source').width - 1],
            [array_to_string(
                parts[getvariable('import_source').width:], getvariable('import_source').delimiter
            )]
        ) AS in_comment
    FROM split
),
fitted AS (
    SELECT
        line,
        extra,
        CASE
            WHEN extra <= 0 THEN parts
            WHEN fitnotes_fits(in_name) THEN in_name
            WHEN getvariable('import_source').at.notes = getvariable('import_source').width
                AND fitnotes_fits(in_comment) THEN in_comment
        END AS f
    FROM candidates
)
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
FROM fitted;
