-- One client of one coach with what metrics.py needs to choose windows and rules: the
-- assignment current on $today (the newest one that has started and not ended), its program,
-- and the date of the client's first logged set. No row: the client is not this coach's.
SELECT
    c.name,
    a.start_date AS program_start,
    a.end_date AS program_end,
    a.weekly_target,
    p.id AS program_id,
    p.kind AS program_kind,
    p.leg_freq_min,
    p.leg_freq_max,
    p.min_rest_days,
    p.daily_reps_target,
    (SELECT min(s.session_date) FROM set_rows AS s WHERE s.client_id = c.id) AS first_set
FROM clients AS c
LEFT JOIN (
    SELECT *
    FROM assignments
    WHERE
        client_id = $client_id
        AND coach_id = $coach_id
        AND start_date <= $today
        AND (end_date IS NULL OR end_date > $today)
    ORDER BY start_date DESC, created_at DESC
    LIMIT 1
) AS a ON true
-- A built-in template (coach_id NULL) or one of this coach's own programs, never another's.
LEFT JOIN programs AS p ON p.id = a.program_id AND (p.coach_id IS NULL OR p.coach_id = c.coach_id)
WHERE c.id = $client_id AND c.coach_id = $coach_id;
