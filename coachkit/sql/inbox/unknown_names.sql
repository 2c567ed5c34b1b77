-- Exercise names one client logged that count for nothing yet: not in the catalog, no answer
-- of the coach's and no category in the file. Most sets first.
SELECT s.logged_exercise AS name, count(*) AS rows
FROM set_rows AS s
JOIN clients AS c ON c.id = s.client_id
WHERE
    s.client_id = $client_id
    AND c.coach_id = $coach_id
    AND s.exercise_slug IS NULL
    AND s.category_region IS NULL
GROUP BY s.logged_exercise
ORDER BY rows DESC, name
LIMIT 50;
