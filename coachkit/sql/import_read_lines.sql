-- FitNotes quotes nothing, so an exercise name with a comma splits its row. Each line is read
-- whole, split on the delimiter, and surplus fields are joined back into the exercise, the
-- second column (FitNotes' documented repair); a row with too few fields is marked misfit.
CREATE OR REPLACE TEMP TABLE canon AS
WITH lines AS (
    SELECT row_number() OVER () + 1 AS line, rtrim(text, chr(13)) AS text
    FROM read_csv(
        $path, header = false, skip = 1, auto_detect = false, delim = chr(0), quote = '',
        escape = '', columns = {'text': 'VARCHAR'}, strict_mode = false
    )
),
split AS (
    SELECT line, string_split(text, $delimiter) AS parts
    FROM lines
    WHERE trim(text) <> ''
),
fitted AS (
    SELECT
        line,
        len(parts) - $width AS extra,
        CASE
            WHEN len(parts) > $width
                THEN list_concat(
                    parts[1:1],
                    [array_to_string(parts[2:2 + len(parts) - $width], $delimiter)],
                    parts[3 + len(parts) - $width:]
                )
            ELSE parts
        END AS f
    FROM split
)
SELECT
    line,
    0 AS sub,
    extra > 0 AS repaired,
    CASE WHEN extra < 0 THEN CAST($width + extra AS VARCHAR) END AS misfit,
    f[$date_at] AS date,
    f[$exercise_at] AS exercise,
    f[$category_at] AS category,
    f[$weight_at] AS weight,
    f[$weight_unit_at] AS weight_unit,
    f[$reps_at] AS reps,
    f[$distance_at] AS distance,
    f[$distance_unit_at] AS distance_unit,
    f[$clock_at] AS clock,
    f[$notes_at] AS notes
FROM fitted;
