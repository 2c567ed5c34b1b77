-- When one of the coach's links was revoked (sharing/revoke.sql), read in the same transaction.
SELECT revoked_at
FROM share_links
WHERE id = $id AND coach_id = $coach_id;
