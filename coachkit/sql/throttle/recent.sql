-- The times of one subject's misses under one rule since $since, oldest first.
SELECT missed_at
FROM failed_attempts
WHERE scope = $scope AND subject = $subject AND missed_at > $since
ORDER BY missed_at;
