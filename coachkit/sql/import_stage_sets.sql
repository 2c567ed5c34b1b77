-- The importable rows in the shape insert_sets.sql takes, classified through the frame names
-- (exercise_raw, category -> exercise_slug, category_region). set_index numbers the sets of
-- one exercise within one workout in file order, or in reverse for newest-first files, so that
-- the keys of a set agree between an oldest-first and a newest-first export.
CREATE OR REPLACE TEMP VIEW staged_sets AS
WITH direction AS (
    SELECT coalesce(arg_min(performed_at, line) > arg_max(performed_at, line), false) AS newest_first
    FROM staged
    WHERE performed_at IS NOT NULL
)
SELECT
    s.performed_at,
    s.workout_name,
    s.exercise_raw,
    CAST(
        row_number() OVER (
            PARTITION BY s.performed_at, s.exercise_raw
            ORDER BY CASE WHEN d.newest_first THEN -s.line ELSE s.line END, s.sub
        ) - 1 AS INTEGER
    ) AS set_index,
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
CROSS JOIN direction AS d
JOIN names AS n
    ON n.exercise_raw = s.exercise_raw AND n.category IS NOT DISTINCT FROM s.category
WHERE s.skip_reason IS NULL AND s.error_code IS NULL;
