-- The file's text is no longer needed once normalised; free its memory before keying.
DROP TABLE IF EXISTS canon;
