-- How many of the importable sets the client already has (same natural key).
SELECT count(*)
FROM keyed_sets AS k
WHERE EXISTS (
    SELECT 1 FROM set_rows AS s WHERE s.client_id = $client_id AND s.set_key = k.set_key
);
