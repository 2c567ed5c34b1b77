-- One row per leg session of the scoped client's compliance window, for the recovery
-- timeline and the stretching chart: the gap since the previous leg session (when that one is
-- in the window too) with its traffic light (store/macros.sql), and the stretch sets logged that day.
SELECT
    d.session_date,
    d.lower_credit AS working_sets_lower,
    d.stretch_sets,
    d.stretch_sets > 0 AS stretched,
    window_gap(true, d.session_date, d.previous_leg_session, w.first_day) AS gap_days,
    CASE WHEN gap_days IS NOT NULL THEN d.previous_leg_session END AS previous_session,
    recovery_light(gap_days, w.min_rest_days, w.daily) AS light
FROM metric_scope AS w
JOIN metric_days AS d
    ON d.client_id = w.client_id AND d.session_date BETWEEN w.first_day AND w.last_day
WHERE w.kind = 'compliance' AND d.leg_session
ORDER BY d.session_date;
