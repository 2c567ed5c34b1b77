-- A coach's sign-in that outlives a reload (coachkit/sessions.py). The sign-in form makes a
-- row with a one-time ticket; the browser trades the ticket, once and within a minute, for the
-- session's token in an HTTP-only cookie. Only SHA-256 digests are stored, never the ticket or
-- the token; signing out ends the row, and the token with it.
CREATE TABLE coach_sessions (
    id                UUID PRIMARY KEY,
    coach_id          UUID NOT NULL,
    ticket_hash       VARCHAR,             -- NULL once traded
    ticket_expires_at TIMESTAMP NOT NULL,
    token_hash        VARCHAR,             -- NULL until the ticket is traded
    created_at        TIMESTAMP NOT NULL,
    expires_at        TIMESTAMP NOT NULL,
    ended_at          TIMESTAMP            -- signed out
);

CREATE INDEX coach_sessions_ticket ON coach_sessions (ticket_hash);
CREATE INDEX coach_sessions_token ON coach_sessions (token_hash);
