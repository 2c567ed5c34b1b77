-- Sign out: the token stops working at once, on every app server.
UPDATE coach_sessions SET ended_at = $now WHERE token_hash = $token_hash AND ended_at IS NULL;
