-- A name the coach saved for one of their clients.
INSERT INTO client_file_names (coach_id, client_id, name_key, created_at)
VALUES ($coach_id, $client_id, $name_key, $now);
