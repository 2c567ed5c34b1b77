-- Every coach's data changed (the catalog, which classifies every coach's exercises).
INSERT INTO data_changes (coach_id, changed_at) SELECT id, $now FROM coaches;
