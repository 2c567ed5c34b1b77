-- The coach's account for `coachkit export`, without the password hash: a copy of the export
-- handed to another service must not carry anything that helps guess the password.
SELECT id, email, name, created_at
FROM coaches
WHERE id = $coach_id;
