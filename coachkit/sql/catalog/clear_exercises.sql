-- Empties the catalog tables before catalog.sync reloads them from catalog.csv.
DELETE FROM exercise_aliases;
DELETE FROM exercises;
