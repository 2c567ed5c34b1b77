-- The coach in an export's coach.parquet, before anything of it is loaded.
SELECT id, email, name
FROM read_parquet($path);
