-- Reloads the catalog tables from the frames catalog_exercises and catalog_aliases.
DELETE FROM exercise_aliases;
DELETE FROM exercises;
INSERT INTO exercises SELECT slug, name, region, primary_muscles, equipment FROM catalog_exercises;
INSERT INTO exercise_aliases SELECT alias, slug FROM catalog_aliases;
