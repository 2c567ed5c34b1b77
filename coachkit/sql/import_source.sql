-- The import under way: the client, the file and its shape (path, delimiter, and the reader's
-- columns or field positions), kept as a session variable because views take no parameters.
SET VARIABLE import_source = $source;
