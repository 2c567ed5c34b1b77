-- Revoke one of the coach's links; revoking again keeps the first time. Gives the number of
-- rows changed: 0 when the link is not the coach's. sharing/revoked_at.sql then reads the time.
UPDATE share_links
SET revoked_at = coalesce(revoked_at, $now)
WHERE id = $id AND coach_id = $coach_id;
