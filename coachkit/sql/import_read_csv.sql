-- Reads one CSV file as text into the temporary table canon, its columns renamed to the
-- layout's canonical fields; the normaliser converts every cell. (Read into a view instead,
-- the numbering of lines made DuckDB parse on one thread: twice as slow, bench/ingest.py.)
-- The file and its shape come from the session variable import_source (import_source.sql).
-- Rows the CSV parser cannot split land in reject_errors, with their line, instead of failing.
CREATE OR REPLACE TEMP TABLE canon AS
SELECT row_number() OVER () + 1 AS line, 0 AS sub, *
FROM read_csv(
    getvariable('import_source').path,
    header = false,
    skip = 1,
    auto_detect = false,
    all_varchar = true,
    columns = getvariable('import_source').columns,
    delim = getvariable('import_source').delimiter,
    quote = '"',
    escape = '"',
    strict_mode = true,
    null_padding = false,
    store_rejects = true,
    rejects_limit = 0
);
