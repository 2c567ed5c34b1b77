-- The row-level errors in file order, the first $limit of them (NULL: all); the total comes
-- with the summary.
SELECT line, error_code, error_value
FROM staged
WHERE error_code IS NOT NULL
ORDER BY line, sub
LIMIT $limit;
