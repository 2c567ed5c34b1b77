-- The rows of one of CoachKit's tables ({table}: a name from the catalog).
SELECT count(*) FROM {table};
