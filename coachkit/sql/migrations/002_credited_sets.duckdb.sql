-- Every set with its region and what it credits, per METRICS.md, defined once for every
-- metric query. The region is the catalog's for the exercise, else the fallback the import or
-- the coach gave. A working set is not a warm-up and not on a stretching or cardio exercise;
-- it credits 1 to its region, and a full-body exercise (thruster, burpee) 0.5 to lower and
-- 0.5 to upper. Plain SQL, so that the same view can live in PostgreSQL.
CREATE VIEW credited_sets AS
SELECT
    client_id,
    session_date,
    exercise_slug,
    set_type,
    reps,
    weight_kg,
    region,
    set_type <> 'warmup' AND coalesce(region, '') NOT IN ('stretch', 'cardio') AS working,
    CAST(CASE
        WHEN set_type = 'warmup' THEN 0
        WHEN region = 'lower' THEN 1
        WHEN region = 'full' THEN 0.5
        ELSE 0
    END AS DOUBLE) AS lower_credit,
    CAST(CASE
        WHEN set_type = 'warmup' THEN 0
        WHEN region = 'upper' THEN 1
        WHEN region = 'full' THEN 0.5
        ELSE 0
    END AS DOUBLE) AS upper_credit
FROM (
    SELECT s.*, coalesce(e.region, s.category_region) AS region
    FROM set_rows AS s
    LEFT JOIN exercises AS e ON e.slug = s.exercise_slug
) AS sets;
