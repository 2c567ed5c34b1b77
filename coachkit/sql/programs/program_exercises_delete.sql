-- Remove a program's exercises before writing its new list, for the same owner as
-- programs/program_update.sql.
DELETE FROM program_exercises
WHERE program_id IN (
    SELECT id FROM programs WHERE id = $id AND coach_id IS NOT DISTINCT FROM $coach_id
);
