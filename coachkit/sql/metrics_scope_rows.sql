-- The scoped clients (metrics_scope.sql) with their thresholds, program and windows.
SELECT * FROM metric_scope ORDER BY name;
