-- Failed attempts that slow down or lock who made them (coachkit/throttle.py): a wrong password
-- for an account from an address, wrong passwords from an address, a wrong report token from
-- an address. Kept here, not in a server's memory, so that every app server of a gym sees the
-- same count and a restart forgets nothing. Never a password or a token: `subject` is an email
-- and an address, or an address.
CREATE TABLE failed_attempts (
    scope     VARCHAR NOT NULL,    -- which rule counts it: sign-in, sign-in-address, report-link
    subject   VARCHAR NOT NULL,
    missed_at TIMESTAMP NOT NULL   -- UTC
);

CREATE INDEX failed_attempts_subject ON failed_attempts (scope, subject, missed_at);
