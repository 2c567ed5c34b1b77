-- Typical magnitudes of a file that names no unit, to guess kg or lb. Values are rounded to
-- 0.01 first, so that kg<->lb float dust (184.99999999999997) does not look like a kg step.
SELECT
    quantile_cont(round(weight_num, 2), 0.75) AS p75,
    avg(CASE WHEN round(weight_num, 2) <> floor(round(weight_num, 2)) THEN 1.0 ELSE 0.0 END)
        AS fractional_share
FROM staged
WHERE weight_num > 0 AND skip_reason IS NULL;
