-- How many imports came through one link since $since (the daily upload cap).
SELECT count(*)
FROM import_batches
WHERE link_id = $link_id AND created_at > $since;
