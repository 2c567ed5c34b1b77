-- A new sign-in, waiting for its ticket to be traded.
INSERT INTO coach_sessions (
    id, coach_id, ticket_hash, ticket_expires_at, token_hash, created_at, expires_at, ended_at
) VALUES ($id, $coach_id, $ticket_hash, $ticket_expires_at, NULL, $now, $expires_at, NULL);
