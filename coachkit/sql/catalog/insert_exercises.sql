-- The catalog's exercises, passed as parallel lists zipped by position.
INSERT INTO exercises (slug, name, region, primary_muscles, equipment)
SELECT
    unnest($slug), unnest($name), unnest($region), unnest($primary_muscles), unnest($equipment);
