-- The importable rows in the shape ingest/insert_sets.sql takes, classified through the table names
-- (logged_exercise, category -> exercise_slug, category_region). set_index numbers the sets of
-- one exercise within one workout in the order they were done, so that any export of the same
-- workouts gives the same keys. Files that run newest-first usually reverse the workouts only
-- (Hevy, Strong sorted by date); a file turned upside down line by line reverses the sets too.
-- The dates cannot tell these apart; the app's own set numbers can: when they fall as the
-- lines go on within an exercise, the file runs backwards and is numbered from its end.
-- The numbering is computed on a narrow table of line numbers and joined back, so that the
-- window holds three numbers per set rather than whole rows.
CREATE OR REPLACE TEMP TABLE set_numbers AS
WITH blocks AS (
    -- Per exercise in a workout: does the app's set number rise or fall from the first line
    -- to the last? The first 20,000 lines, hundreds of workouts, are evidence enough.
    SELECT sign(arg_max(set_number, line) - arg_min(set_number, line)) AS step
    FROM staged
    WHERE set_number IS NOT NULL AND skip_reason IS NULL AND error_code IS NULL
        AND line <= 20001
    GROUP BY performed_at, logged_exercise
),
direction AS (
    SELECT coalesce(sum(step), 0) < 0 AS backwards FROM blocks
)
SELECT
    s.line,
    s.sub,
    CAST(
        row_number() OVER (
            PARTITION BY s.performed_at, s.logged_exercise
            ORDER BY CASE WHEN d.backwards THEN -s.line ELSE s.line END, s.sub
        ) - 1 AS INTEGER
    ) AS set_index
FROM staged AS s
CROSS JOIN direction AS d
WHERE s.skip_reason IS NULL AND s.error_code IS NULL;

CREATE OR REPLACE TEMP VIEW staged_sets AS
SELECT
    s.performed_at,
    s.workout_name,
    s.logged_exercise,
    o.set_index,
    s.set_type,
    s.reps,
    s.weight_kg,
    s.duration_s,
    s.distance_m,
    s.rpe,
    s.notes,
    s.workout_duration_s,
    n.exercise_slug,
    n.category_region
FROM staged AS s
JOIN set_numbers AS o ON o.line = s.line AND o.sub = s.sub
JOIN names AS n
    ON n.logged_exercise = s.logged_exercise AND n.category IS NOT DISTINCT FROM s.category
WHERE s.skip_reason IS NULL AND s.error_code IS NULL;
