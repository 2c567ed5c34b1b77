SELECT count(*)
FROM assignments AS a
JOIN coaches AS c ON c.id = a.coach_id
WHERE c.email = $email;
