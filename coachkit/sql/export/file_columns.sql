-- The columns of one of an export's Parquet files.
SELECT name FROM parquet_schema($path) WHERE name <> 'duckdb_schema';
