-- Writes every threshold of one client at once (NULL: back to the default). The SELECT from
-- clients is the tenant check: for another coach's client it inserts nothing.
INSERT INTO client_settings (
    client_id, coach_id, lower_share_min, lower_share_max, min_rest_days, leg_freq_min,
    leg_freq_max, leg_session_min_sets, balance_window_days, adherence_min, inactive_days,
    recovery_min, stretching_min, updated_at
)
SELECT
    c.id, c.coach_id, $lower_share_min, $lower_share_max, $min_rest_days, $leg_freq_min,
    $leg_freq_max, $leg_session_min_sets, $balance_window_days, $adherence_min, $inactive_days,
    $recovery_min, $stretching_min, $now
FROM clients AS c
WHERE c.id = $client_id AND c.coach_id = $coach_id
ON CONFLICT (client_id) DO UPDATE SET
    lower_share_min = excluded.lower_share_min,
    lower_share_max = excluded.lower_share_max,
    min_rest_days = excluded.min_rest_days,
    leg_freq_min = excluded.leg_freq_min,
    leg_freq_max = excluded.leg_freq_max,
    leg_session_min_sets = excluded.leg_session_min_sets,
    balance_window_days = excluded.balance_window_days,
    adherence_min = excluded.adherence_min,
    inactive_days = excluded.inactive_days,
    recovery_min = excluded.recovery_min,
    stretching_min = excluded.stretching_min,
    updated_at = excluded.updated_at;
