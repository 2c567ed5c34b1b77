-- The live sign-in a cookie's token names, with its coach.
SELECT s.id, s.token_hash, c.email
FROM coach_sessions AS s
JOIN coaches AS c ON c.id = s.coach_id
WHERE s.token_hash = $token_hash AND s.ended_at IS NULL AND s.expires_at > $now;
