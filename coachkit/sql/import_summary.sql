-- What the coach sees before importing: the sets, their dates and sessions, rows read.
SELECT
    count(*) AS rows_read,
    count(*) FILTER (WHERE skip_reason IS NULL AND error_code IS NULL) AS sets,
    count(DISTINCT session_date) FILTER (WHERE skip_reason IS NULL AND error_code IS NULL)
        AS sessions,
    min(session_date) FILTER (WHERE skip_reason IS NULL AND error_code IS NULL) AS first_date,
    max(session_date) FILTER (WHERE skip_reason IS NULL AND error_code IS NULL) AS last_date,
    count(DISTINCT line) FILTER (WHERE repaired) AS repaired_rows,
    count(*) FILTER (WHERE error_code IS NOT NULL) AS error_total
FROM staged;
