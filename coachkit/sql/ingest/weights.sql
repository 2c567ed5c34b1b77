-- Typical magnitudes of a file that names no unit, to guess kg or lb. Such a file is checked
-- as kg until the coach answers, so weight_kg holds its numbers as written, rounded to 0.01:
-- kg<->lb float dust (184.99999999999997) does not look like a kg step.
SELECT
    quantile_cont(weight_kg, 0.75) AS p75,
    avg(CASE WHEN weight_kg <> floor(weight_kg) THEN 1.0 ELSE 0.0 END) AS fractional_share
FROM staged
WHERE weight_kg > 0 AND skip_reason IS NULL;
