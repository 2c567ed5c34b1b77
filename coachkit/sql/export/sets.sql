-- Every set the coach's clients logged, through their clients (rows stored before migration
-- 005 filled coach_id are the client's all the same).
SELECT s.client_id, s.coach_id, s.batch_id, s.set_key, s.performed_at, s.session_date,
       s.workout_name, s.exercise_slug, s.logged_exercise, s.category_region, s.set_index,
       s.set_type, s.reps, s.weight_kg, s.duration_s, s.distance_m, s.rpe, s.notes,
       s.workout_duration_s
FROM set_rows AS s
JOIN clients AS c ON c.id = s.client_id
WHERE c.coach_id = $coach_id
ORDER BY s.client_id, s.performed_at, s.logged_exercise, s.set_index, s.set_key;
