-- What the coach sees before importing: rows read, the sets, their dates and sessions.
WITH counted AS (
    SELECT
        *,
        skip_reason IS NULL AND error_code IS NULL AS is_set,
        CAST(performed_at AS DATE) AS day
    FROM staged
)
SELECT
    count(*) AS rows_read,
    count(*) FILTER (WHERE is_set) AS sets,
    count(DISTINCT day) FILTER (WHERE is_set) AS sessions,
    min(day) FILTER (WHERE is_set) AS first_date,
    max(day) FILTER (WHERE is_set) AS last_date,
    count(DISTINCT line) FILTER (WHERE repaired) AS repaired_rows,
    count(*) FILTER (WHERE error_code IS NOT NULL) AS error_total
FROM counted;
