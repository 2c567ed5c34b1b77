INSERT INTO program_exercises (
    program_id, position, exercise_slug, sets_min, sets_max, reps_min, reps_max, substitutes, notes
) VALUES (
    $program_id, $position, $slug, $sets_min, $sets_max, $reps_min, $reps_max, $substitutes, $notes
);
