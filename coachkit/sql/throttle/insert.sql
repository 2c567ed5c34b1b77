-- One more miss.
INSERT INTO failed_attempts (scope, subject, missed_at) VALUES ($scope, $subject, $at);
