-- The client whose sets are being written, for ingest/new_sets_unseen.sql (views take no parameters).
SET VARIABLE import_client = $client_id;
