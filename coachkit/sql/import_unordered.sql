-- Once the file is read and every row carries its line number, the order rows flow in no
-- longer matters; DuckDB
-- then need not buffer them to keep it. And by default DuckDB holds up to a fifth of the
-- machine's memory of new rows per thread before writing them out; an import flushes its
-- rows to the file as it goes instead. Both lower an import's peak memory (bench/ingest.py).
SET preserve_insertion_order = false;
SET write_buffer_row_group_memory_limit = '32MB';
SET allocator_flush_threshold = '32MB';
