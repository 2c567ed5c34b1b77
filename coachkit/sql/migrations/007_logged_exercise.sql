-- The exercise name as the client's app logged it was stored as exercise_raw; it is now
-- logged_exercise, the name every query and the export use. A rename only: no row changes.
ALTER TABLE set_rows RENAME COLUMN exercise_raw TO logged_exercise;
