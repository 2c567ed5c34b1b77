-- Count one view of a live link, in one statement; no row: revoked or expired meanwhile.
UPDATE share_links
SET views = views + 1, last_viewed_at = $now
WHERE id = $id AND revoked_at IS NULL AND expires_at > $now
RETURNING id, views;
