-- The rows of one table in the database file being copied, attached as `source`.
SELECT count(*) FROM source.main.{table};
