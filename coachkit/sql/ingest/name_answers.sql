-- The catalog's answer for each distinct exercise name of the file, as the table names;
-- the four lists are zipped by position.
CREATE OR REPLACE TEMP TABLE names AS
SELECT
    unnest($logged_exercise) AS logged_exercise,
    unnest($category) AS category,
    unnest($exercise_slug) AS exercise_slug,
    unnest($category_region) AS category_region;
