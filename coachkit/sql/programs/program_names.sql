-- The names of a coach's own programs, which must differ from each other.
SELECT id, name FROM programs WHERE coach_id = $coach_id;
