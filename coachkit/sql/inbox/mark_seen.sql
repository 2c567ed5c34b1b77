-- The coach looked at the client's page: what was sent until now is no longer new.
UPDATE clients
SET logs_seen_at = $now
WHERE id = $client_id AND coach_id = $coach_id;
