-- One row per complete ISO week of the scoped client's compliance window, for the charts:
-- balance, volume load (a secondary view that never drives a flag), leg sessions against the
-- band, stretched leg sessions and the week's program adherence.
SELECT
    week_start,
    week,
    working_sets_lower,
    working_sets_upper,
    lower_share,
    balance_band,
    volume_load_lower_kg,
    volume_load_upper_kg,
    leg_sessions,
    frequency,
    stretched_sessions,
    attendance,
    coverage,
    coalesce((attendance + coverage) / 2, attendance) AS adherence
FROM metric_weeks
WHERE kind = 'compliance'
ORDER BY client_id, week_start;
