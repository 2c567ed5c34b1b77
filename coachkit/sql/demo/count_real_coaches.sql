-- Coaches other than the demo coach: their data is real and must not be overwritten.
SELECT count(*) FROM coaches WHERE email <> $demo_email;
