-- A subject's misses under one rule, forgotten (a right password after a typo or two).
DELETE FROM failed_attempts WHERE scope = $scope AND subject = $subject;
