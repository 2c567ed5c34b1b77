-- The keyed sets the client does not have yet (same natural key). The client comes from the
-- session variable import_client (ingest/client.sql): views take no parameters.
CREATE OR REPLACE TEMP VIEW new_sets AS
SELECT *
FROM keyed_sets AS k
WHERE NOT EXISTS (
    SELECT 1
    FROM set_rows AS s
    WHERE s.client_id = getvariable('import_client') AND s.set_key = k.set_key
);
