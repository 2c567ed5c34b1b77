-- Trade a ticket for the token, once: gives the number of rows changed (0 when the ticket is
-- unknown, used, late, or its sign-in has ended). No RETURNING: DuckDB's postgres extension has
-- none for UPDATE.
UPDATE coach_sessions
SET ticket_hash = NULL, token_hash = $token_hash
WHERE ticket_hash = $ticket_hash AND ticket_expires_at > $now AND token_hash IS NULL
    AND ended_at IS NULL AND expires_at > $now;
