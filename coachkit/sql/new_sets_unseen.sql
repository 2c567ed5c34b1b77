-- The keyed sets the importing client does not have yet (same natural key). The client comes
-- from the session variable import_source (import_source.sql): views take no parameters.
CREATE OR REPLACE TEMP VIEW new_sets AS
SELECT *
FROM keyed_sets AS k
WHERE NOT EXISTS (
    SELECT 1
    FROM set_rows AS s
    WHERE s.client_id = getvariable('import_source').client_id AND s.set_key = k.set_key
);
