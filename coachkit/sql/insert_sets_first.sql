-- Stores the sets of keyed_sets (see key_sets.sql) for a client who has none yet: as
-- insert_sets.sql without the comparison against stored keys, which costs a third of a large
-- first import and can find nothing. Keys within one import are unique by construction (set_index numbers
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
FROM keyed_sets;
