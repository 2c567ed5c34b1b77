-- Misses older than the rule's window count for nothing: gone, so the table stays small.
DELETE FROM failed_attempts WHERE scope = $scope AND missed_at <= $since;
