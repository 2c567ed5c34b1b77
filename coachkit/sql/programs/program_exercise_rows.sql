-- The prescribed exercises of the programs programs/program_rows.sql returns, in program order.
SELECT
    e.program_id, e.position, e.exercise_slug, e.sets_min, e.sets_max, e.reps_min, e.reps_max,
    e.substitutes, e.notes
FROM program_exercises AS e
JOIN programs AS p ON p.id = e.program_id
WHERE
    (p.coach_id IS NULL OR p.coach_id = $coach_id)
    AND (CAST($program_id AS UUID) IS NULL OR p.id = $program_id)
ORDER BY e.program_id, e.position;
