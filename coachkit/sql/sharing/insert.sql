-- A new report link. Only the SHA-256 of its token is stored; the token is shown once.
INSERT INTO share_links (
    id, token_hash, coach_id, client_id, created_at, expires_at, revoked_at, views,
    last_viewed_at
) VALUES ($id, $token_hash, $coach_id, $client_id, $now, $expires_at, NULL, 0, NULL);
