-- A coach's report links, all clients or one ($client_id NULL: all), newest first.
-- Revoked wins over expired: a revoked link stays revoked whatever its date.
SELECT
    l.id,
    l.client_id,
    c.name AS client_name,
    l.created_at,
    l.expires_at,
    l.revoked_at,
    l.views,
    l.last_viewed_at,
    coalesce(l.uploads, false) AS uploads,
    CASE
        WHEN l.revoked_at IS NOT NULL THEN 'revoked'
        WHEN l.expires_at <= $now THEN 'expired'
        ELSE 'active'
    END AS status
FROM share_links AS l
JOIN clients AS c ON c.id = l.client_id AND c.coach_id = l.coach_id
WHERE l.coach_id = $coach_id AND ($client_id IS NULL OR l.client_id = $client_id)
ORDER BY l.created_at DESC, l.id;
