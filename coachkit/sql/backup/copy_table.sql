-- One table of the database file attached as `source` into the same table here, column by name.
INSERT INTO {table} BY NAME SELECT * FROM source.main.{table};
