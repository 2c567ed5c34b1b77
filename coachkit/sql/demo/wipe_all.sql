-- Empties every table but the schema version, for `coachkit demo --force`.
DELETE FROM data_changes;
DELETE FROM share_links;
DELETE FROM client_file_names;
DELETE FROM client_settings;
DELETE FROM assignments;
DELETE FROM program_exercises;
DELETE FROM programs;
DELETE FROM set_rows;
DELETE FROM import_batches;
DELETE FROM exercise_mappings;
DELETE FROM column_mappings;
DELETE FROM clients;
DELETE FROM coaches;
DELETE FROM meta WHERE key <> 'catalog_sha256';
