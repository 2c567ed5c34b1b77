-- Lines the CSV parser could not split, from the last read on this cursor.
SELECT line, error_type, error_message, csv_line AS text
FROM reject_errors
ORDER BY line;
