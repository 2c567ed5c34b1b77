-- One coach's data changed.
INSERT INTO data_changes (coach_id, changed_at) VALUES ($coach_id, $now);
