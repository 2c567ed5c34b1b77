-- A new assignment closes the client's open one the day it starts; history is kept.
UPDATE assignments
SET end_date = $end_date
WHERE client_id = $client_id AND coach_id = $coach_id AND end_date IS NULL;
