-- The coach's short note on a client (NULL: none). The coach_id is the tenant check.
UPDATE clients SET notes = $note WHERE id = $client_id AND coach_id = $coach_id;
