-- Reads one CSV file as text into the temporary table canon, its columns renamed to the
-- layout's canonical fields ($names). Every cell stays text: the normaliser converts it.
-- Rows the CSV parser cannot split land in reject_errors, with their line, instead of failing.
CREATE OR REPLACE TEMP TABLE canon AS
SELECT row_number() OVER () + 1 AS line, 0 AS sub, *
FROM read_csv(
    $path,
    header = false,
    skip = 1,
    auto_detect = false,
    all_varchar = true,
    columns = $columns,
    delim = $delimiter,
    quote = '"',
    escape = '"',
    strict_mode = true,
    null_padding = false,
    store_rejects = true,
    rejects_limit = 0
);
