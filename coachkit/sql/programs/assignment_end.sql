-- End a running assignment; the row stays, as the client's history.
UPDATE assignments
SET end_date = $end_date
WHERE id = $id AND coach_id = $coach_id AND end_date IS NULL;
