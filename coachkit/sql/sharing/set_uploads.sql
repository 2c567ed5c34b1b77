-- Turn uploads through one of the coach's links on or off. Gives the number of rows changed:
-- 0 when the link is not the coach's.
UPDATE share_links
SET uploads = $uploads
WHERE id = $id AND coach_id = $coach_id;
