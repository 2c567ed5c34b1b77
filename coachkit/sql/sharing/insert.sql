-- A new report link. Only the SHA-256 of its token is stored; the token is shown once.
-- uploads: whether the client may also send their exports through it.
INSERT INTO share_links (
    id, token_hash, coach_id, client_id, created_at, expires_at, revoked_at, views,
    last_viewed_at, uploads
) VALUES ($id, $token_hash, $coach_id, $client_id, $now, $expires_at, NULL, 0, NULL, $uploads);
