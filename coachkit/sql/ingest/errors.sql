-- The first row-level errors, in file order; the total comes with the summary.
SELECT line, error_code, error_value
FROM staged
WHERE error_code IS NOT NULL
ORDER BY line, sub
LIMIT $limit;
