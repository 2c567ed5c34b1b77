-- Typical magnitudes of a file that names no unit, to guess kg or lb.
SELECT
    quantile_cont(weight_num, 0.75) AS p75,
    avg(CASE WHEN weight_num <> floor(weight_num) THEN 1.0 ELSE 0.0 END) AS fractional_share
FROM staged
WHERE weight_num > 0 AND skip_reason IS NULL;
