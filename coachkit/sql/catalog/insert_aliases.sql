-- Each normalised spelling and the exercise it names, as parallel lists.
INSERT INTO exercise_aliases (alias, slug)
SELECT unnest($alias), unnest($slug);
