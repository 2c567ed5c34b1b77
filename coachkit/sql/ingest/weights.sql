-- The loads of a file that names no unit, as written in it, by exercise and its equipment:
-- units.py guesses kg or lb from them. The file was checked as $kg_per_unit kg per unit until
-- the coach answers; that is undone here, to the 0.05 the file wrote (kg<->lb float dust such
-- as 184.99999999999997 was rounded away when the rows were read).
SELECT
    round(s.weight_kg / $kg_per_unit * 20) / 20 AS load,
    s.exercise_slug AS exercise,
    e.equipment,
    count(*) AS sets
FROM staged_sets AS s
LEFT JOIN exercises AS e ON e.slug = s.exercise_slug
WHERE s.weight_kg > 0
GROUP BY ALL;
