-- One table of an export, from its Parquet file, into the same table here, column by name (a
-- column the file lacks is NULL).
INSERT INTO {table} BY NAME SELECT * FROM read_parquet($path);
