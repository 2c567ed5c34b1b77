-- The sets of an export written before migration 007, which named the exercise as the client's
-- app logged it exercise_raw; it is logged_exercise now.
INSERT INTO set_rows BY NAME
SELECT * RENAME (exercise_raw AS logged_exercise) FROM read_parquet($path);
