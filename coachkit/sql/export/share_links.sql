-- Report links as a record, without the token's hash: a link is a key to a report and does
-- not travel with the data.
SELECT id, coach_id, client_id, created_at, expires_at, revoked_at, views, last_viewed_at,
       uploads
FROM share_links
WHERE coach_id = $coach_id
ORDER BY client_id, created_at;
