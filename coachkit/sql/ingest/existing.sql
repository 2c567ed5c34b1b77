-- How many of the importable sets the client already has: all of them but the unseen ones
-- (run after ingest/new_sets_unseen.sql).
SELECT (SELECT count(*) FROM keyed_sets) - (SELECT count(*) FROM new_sets);
