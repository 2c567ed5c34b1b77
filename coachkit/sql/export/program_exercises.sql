SELECT e.program_id, e.position, e.exercise_slug, e.sets_min, e.sets_max, e.reps_min,
       e.reps_max, e.substitutes, e.notes
FROM program_exercises AS e
JOIN programs AS p ON p.id = e.program_id
WHERE p.coach_id = $coach_id
ORDER BY e.program_id, e.position;
