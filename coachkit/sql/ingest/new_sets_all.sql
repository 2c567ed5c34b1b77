-- For a client who has no sets yet, every keyed set is new. Skipping the comparison against
-- stored keys saves a third of a large first import (bench/ingest.py) and can miss nothing.
CREATE OR REPLACE TEMP VIEW new_sets AS
SELECT * FROM keyed_sets;
