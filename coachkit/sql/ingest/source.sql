-- The file an import reads and its shape (path, delimiter, and the reader's columns or field
-- positions), kept as a session variable because the reading views take no parameters.
SET VARIABLE import_source = $source;
