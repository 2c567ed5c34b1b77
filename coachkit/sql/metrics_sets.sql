-- Every set of the scoped clients over the span of their windows (and the 12 weeks before
-- the compliance window's end that the e1RM trend looks at), with its region and what it
-- credits, as METRICS.md defines them; every metric counts from here. The region is the
-- catalog's for the exercise, else the fallback the import or the coach gave. A working set
-- is not a warm-up and not on a stretching or cardio exercise; it credits 1 to its region,
-- and a full-body exercise (thruster, burpee) 0.5 to lower and 0.5 to upper. The clients are
-- joined before the catalog so that only their sets are looked up.
CREATE OR REPLACE TEMP VIEW metric_sets AS
SELECT
    client_id,
    session_date,
    CAST(date_trunc('week', session_date) AS DATE) AS week_start,
    exercise_slug,
    exercise,
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
    SELECT s.*, coalesce(e.region, s.category_region) AS region, e.name AS exercise
    FROM set_rows AS s
    JOIN metric_scope AS m
        ON
            m.client_id = s.client_id
            AND s.session_date BETWEEN least(
                m.compliance_first,
                m.compliance_last - 83,
                m.balance_first,
                m.flags_first,
                m.recent_first
            ) AND greatest(m.compliance_last, m.balance_last, m.flags_last, m.recent_last)
    LEFT JOIN exercises AS e ON e.slug = s.exercise_slug
) AS sets;
