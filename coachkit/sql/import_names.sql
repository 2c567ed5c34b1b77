-- Each distinct exercise name (with the file's category) once, with its set count.
SELECT exercise_raw, category, count(*) AS rows
FROM staged
WHERE skip_reason IS NULL AND error_code IS NULL
GROUP BY exercise_raw, category
ORDER BY rows DESC, exercise_raw;
