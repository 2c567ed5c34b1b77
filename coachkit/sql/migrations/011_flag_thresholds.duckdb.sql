-- Two thresholds of METRICS.md's roster flags, per client like the others (NULL: the default):
-- "too little rest" below recovery_min (0.75) of gaps long enough, "no stretching" below
-- stretching_min (0.5) of leg sessions stretched. PostgreSQL gets the same columns from 012.
ALTER TABLE client_settings ADD COLUMN recovery_min DOUBLE;
ALTER TABLE client_settings ADD COLUMN stretching_min DOUBLE;
