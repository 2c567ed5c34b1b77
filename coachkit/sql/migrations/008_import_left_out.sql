-- The rows a coach chose to leave out of an import ("import the good rows, leave out these"),
-- as JSON: a list of {"line", "code", "value"} in file order; NULL when none was left out.
ALTER TABLE import_batches ADD COLUMN left_out VARCHAR;
