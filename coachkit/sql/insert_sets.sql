-- Stores the sets of keyed_sets (see key_sets.sql) for one client; sets the client already has
-- are left as they are. Keys within one import are unique by construction (set_index numbers
-- the sets of an exercise in a workout). Callers hold Store.exclusive(). Returns the rows added.
INSERT INTO set_rows (
    client_id, batch_id, set_key, performed_at, session_date, workout_name, exercise_slug,
    exercise_raw, category_region, set_index, set_type, reps, weight_kg, duration_s, distance_m,
    rpe, notes, workout_duration_s
)
SELECT
    $client_id, $batch_id, set_key, performed_at, CAST(performed_at AS DATE), workout_name,
    exercise_slug, exercise_raw, category_region, set_index, set_type, reps, weight_kg,
    duration_s, distance_m, rpe, notes, workout_duration_s
FROM keyed_sets AS k
WHERE NOT EXISTS (
    SELECT 1 FROM set_rows AS s WHERE s.client_id = $client_id AND s.set_key = k.set_key
);
