-- The natural key of a set: the workout's start, the exercise as logged and the set's place
-- in it. The same set seen again, in the same file or a newer export, has the same key.
CREATE OR REPLACE TEMP VIEW keyed_sets AS
SELECT
    *,
    md5(
        strftime(performed_at, '%Y-%m-%d %H:%M:%S') || '|' || logged_exercise || '|'
        || CAST(set_index AS VARCHAR)
    ) AS set_key
FROM staged_sets;
