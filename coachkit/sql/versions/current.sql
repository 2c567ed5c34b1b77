-- A coach's data version: how many data changes they have had.
SELECT count(*) AS version FROM data_changes WHERE coach_id = $coach_id;
