-- Revoke one of the coach's links. Revoking again keeps the first time; no row: not the coach's.
UPDATE share_links
SET revoked_at = coalesce(revoked_at, $now)
WHERE id = $id AND coach_id = $coach_id
RETURNING id, revoked_at;
