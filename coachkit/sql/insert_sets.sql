-- Stores one import's normalised sets (the frame staged_sets) for one client. The natural key
-- is the workout's start, the exercise as logged and the set's place in it, so a set seen again
-- in the same file or in a newer export is stored once. Returns how many rows were added.
WITH keyed AS (
    SELECT
        *,
        md5(
            strftime(performed_at, '%Y-%m-%d %H:%M:%S') || '|' || exercise_raw || '|'
            || CAST(set_index AS VARCHAR)
        ) AS set_key
    FROM staged_sets
),
fresh AS (
    SELECT *
    FROM keyed
    WHERE NOT EXISTS (
        SELECT 1 FROM set_rows AS s WHERE s.client_id = $client_id AND s.set_key = keyed.set_key
    )
    QUALIFY row_number() OVER (PARTITION BY set_key ORDER BY performed_at) = 1
)
INSERT INTO set_rows (
    client_id, batch_id, set_key, performed_at, session_date, workout_name, exercise_slug,
    exercise_raw, category_region, set_index, set_type, reps, weight_kg, duration_s, distance_m,
    rpe, notes
)
SELECT
    $client_id, $batch_id, set_key, performed_at, CAST(performed_at AS DATE), workout_name,
    exercise_slug, exercise_raw, category_region, set_index, set_type, reps, weight_kg,
    duration_s, distance_m, rpe, notes
FROM fresh;
