SELECT skip_reason AS reason, count(*) AS rows
FROM staged
WHERE skip_reason IS NOT NULL
GROUP BY skip_reason
ORDER BY rows DESC, reason;
