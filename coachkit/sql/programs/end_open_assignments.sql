-- A new assignment ends the client's assignments still running on the day it starts: the open
-- one, and one given an end date after that day. They are shortened, never deleted: history is
-- kept, and the client never has two programs at once.
UPDATE assignments
SET end_date = $end_date
WHERE
    client_id = $client_id
    AND coach_id = $coach_id
    AND (end_date IS NULL OR end_date > $end_date);
