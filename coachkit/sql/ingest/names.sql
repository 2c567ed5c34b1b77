-- Each distinct exercise name (with the file's category) once, with its set count.
SELECT logged_exercise, category, count(*) AS rows
FROM staged
WHERE skip_reason IS NULL AND error_code IS NULL
GROUP BY logged_exercise, category
ORDER BY rows DESC, logged_exercise;
