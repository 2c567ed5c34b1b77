SELECT id, coach_id, name, archived FROM clients WHERE id = $client_id AND coach_id = $coach_id;
