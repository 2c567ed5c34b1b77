SELECT client_id, coach_id, lower_share_min, lower_share_max, min_rest_days, leg_freq_min,
       leg_freq_max, leg_session_min_sets, balance_window_days, adherence_min, inactive_days,
       recovery_min, stretching_min, updated_at
FROM client_settings
WHERE coach_id = $coach_id
ORDER BY client_id;
