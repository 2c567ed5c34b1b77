-- The live link with this token hash (a point lookup on the unique index), with its client's
-- name and whether it takes uploads. Expired, revoked, and links whose client was archived or
-- is gone, find nothing.
SELECT
    l.id,
    l.token_hash,
    l.client_id,
    l.coach_id,
    c.name AS client_name,
    l.expires_at,
    coalesce(l.uploads, false) AS uploads
FROM share_links AS l
JOIN clients AS c ON c.id = l.client_id AND c.coach_id = l.coach_id
WHERE
    l.token_hash = $token_hash
    AND l.revoked_at IS NULL
    AND l.expires_at > $now
    AND NOT c.archived;
