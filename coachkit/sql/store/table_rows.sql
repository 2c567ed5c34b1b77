-- Every row of one of CoachKit's tables ({table}: a name from the catalog), to compare tables.
SELECT * FROM {table};
