-- A client's own thresholds (METRICS.md); a NULL column means the default. No row: the client
-- is not this coach's. One row with all NULLs: the client has changed nothing.
SELECT
    s.lower_share_min,
    s.lower_share_max,
    s.min_rest_days,
    s.leg_freq_min,
    s.leg_freq_max,
    s.leg_session_min_sets,
    s.balance_window_days,
    s.adherence_min,
    s.recovery_min,
    s.stretching_min,
    s.inactive_days
FROM clients AS c
LEFT JOIN client_settings AS s ON s.client_id = c.id AND s.coach_id = c.coach_id
WHERE c.id = $client_id AND c.coach_id = $coach_id;
