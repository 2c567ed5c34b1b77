-- What in an export's Parquet files is not the export's own coach's, before any of it is
-- loaded: an export passes through people's hands, and an edited one must not write into
-- another coach's roster, sets or mappings, or add a program every coach would see as built-in.
-- One row per file, with the number of rows that point outside the export.
WITH
    f_clients AS (SELECT * FROM read_parquet($clients)),
    f_programs AS (SELECT * FROM read_parquet($programs)),
    f_batches AS (SELECT * FROM read_parquet($import_batches))
SELECT 'clients.parquet' AS file, count(*) AS foreign_rows
FROM f_clients
WHERE coach_id IS DISTINCT FROM $coach_id
UNION ALL
SELECT 'client_file_names.parquet', count(*)
FROM read_parquet($client_file_names) AS n
WHERE n.coach_id IS DISTINCT FROM $coach_id
   OR NOT EXISTS (SELECT 1 FROM f_clients AS c WHERE c.id = n.client_id)
UNION ALL
SELECT 'client_settings.parquet', count(*)
FROM read_parquet($client_settings) AS s
WHERE s.coach_id IS DISTINCT FROM $coach_id
   OR NOT EXISTS (SELECT 1 FROM f_clients AS c WHERE c.id = s.client_id)
UNION ALL
SELECT 'programs.parquet', count(*)
FROM f_programs
WHERE coach_id IS DISTINCT FROM $coach_id
UNION ALL
SELECT 'program_exercises.parquet', count(*)
FROM read_parquet($program_exercises) AS e
WHERE NOT EXISTS (SELECT 1 FROM f_programs AS p WHERE p.id = e.program_id)
UNION ALL
SELECT 'assignments.parquet', count(*)
FROM read_parquet($assignments) AS a
WHERE a.coach_id IS DISTINCT FROM $coach_id
   OR NOT EXISTS (SELECT 1 FROM f_clients AS c WHERE c.id = a.client_id)
   OR NOT (EXISTS (SELECT 1 FROM f_programs AS p WHERE p.id = a.program_id)
           OR EXISTS (SELECT 1 FROM programs AS b WHERE b.id = a.program_id AND b.coach_id IS NULL))
UNION ALL
SELECT 'import_batches.parquet', count(*)
FROM f_batches AS b
WHERE b.coach_id IS DISTINCT FROM $coach_id
   OR NOT EXISTS (SELECT 1 FROM f_clients AS c WHERE c.id = b.client_id)
UNION ALL
SELECT 'sets.parquet', count(*)
FROM read_parquet($sets) AS s
WHERE s.coach_id IS DISTINCT FROM $coach_id
   OR NOT EXISTS (SELECT 1 FROM f_batches AS b WHERE b.id = s.batch_id AND b.client_id = s.client_id)
UNION ALL
SELECT 'exercise_mappings.parquet', count(*)
FROM read_parquet($exercise_mappings)
WHERE coach_id IS DISTINCT FROM $coach_id
UNION ALL
SELECT 'column_mappings.parquet', count(*)
FROM read_parquet($column_mappings)
WHERE coach_id IS DISTINCT FROM $coach_id;
