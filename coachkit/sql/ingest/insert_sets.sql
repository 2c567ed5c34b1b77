-- Stores the sets of the view new_sets (ingest/new_sets_all.sql or ingest/new_sets_unseen.sql) for one
-- client, with the client's coach (005). Keys within one import are unique by construction
-- (set_index numbers the sets of an exercise in a workout). Callers hold Store.exclusive().
-- Returns how many rows were added.
INSERT INTO set_rows (
    client_id, coach_id, batch_id, set_key, performed_at, session_date, workout_name,
    exercise_slug, logged_exercise, category_region, set_index, set_type, reps, weight_kg,
    duration_s, distance_m, rpe, notes, workout_duration_s
)
SELECT
    $client_id, (SELECT c.coach_id FROM clients AS c WHERE c.id = $client_id), $batch_id,
    set_key, performed_at, CAST(performed_at AS DATE), workout_name, exercise_slug,
    logged_exercise, category_region, set_index, set_type, reps, weight_kg, duration_s,
    distance_m, rpe, notes, workout_duration_s
FROM new_sets;
