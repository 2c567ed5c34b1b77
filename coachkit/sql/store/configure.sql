-- Engine settings, applied once when a store opens (they are database-wide in DuckDB).
-- By default DuckDB buffers up to a fifth of the machine's memory of new rows per thread before
-- writing them out; CoachKit streams an import's rows to the file in row groups instead, which
-- took 40 MB off the peak of a million-set import and cost no time (bench/ingest.py).
SET write_buffer_row_group_memory_limit = '32MB';
