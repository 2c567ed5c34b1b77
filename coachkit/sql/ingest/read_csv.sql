-- Defines the temporary view canon over one CSV file read as text, its columns renamed to the
-- layout's canonical fields; the normaliser converts every cell. A view, so that DuckDB parses
-- the file once, straight into the normalising query, and never holds the raw text whole;
-- WITH ORDINALITY numbers the lines as they stream (a window would buffer them all). The file
-- and its shape come from the session variable import_source (ingest/source.sql). Rows the CSV
-- parser cannot split land in reject_errors, with their line, instead of failing.
CREATE OR REPLACE TEMP VIEW canon AS
SELECT ordinality + 1 AS line, 0 AS sub, * EXCLUDE (ordinality)
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
) WITH ORDINALITY;
