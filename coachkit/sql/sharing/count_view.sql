-- Count one view of a live link, in one statement. Gives the number of rows changed: 0 when
-- the link was revoked or expired meanwhile. (No RETURNING: DuckDB's postgres extension has
-- none for UPDATE.)
UPDATE share_links
SET views = views + 1, last_viewed_at = $now
WHERE id = $id AND revoked_at IS NULL AND expires_at > $now;
