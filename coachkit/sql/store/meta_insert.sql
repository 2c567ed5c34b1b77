INSERT INTO meta (key, value) VALUES ($key, $value);
