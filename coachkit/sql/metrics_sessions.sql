-- One row per leg session of the scoped client's compliance window, for the recovery
-- timeline and the stretching chart: the gap since the previous leg session with its traffic
-- light, and the stretch sets logged that day.
SELECT
    session_date,
    working_sets_lower,
    stretch_sets,
    stretched,
    previous_session,
    gap_days,
    light
FROM metric_legs
WHERE kind = 'compliance'
ORDER BY client_id, session_date;
