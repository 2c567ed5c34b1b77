-- A coach's clients with how much they have logged; the metrics roster builds on the same rows.
SELECT
    c.id,
    c.name,
    c.archived,
    count(s.set_key) AS sets_logged,
    count(DISTINCT s.session_date) AS training_days,
    max(s.session_date) AS last_session
FROM clients AS c
LEFT JOIN set_rows AS s ON s.client_id = c.id
WHERE c.coach_id = $coach_id AND ($include_archived OR NOT c.archived)
GROUP BY c.id, c.name, c.archived
ORDER BY last_session DESC NULLS LAST, c.name;
