UPDATE clients SET archived = $archived WHERE id = $client_id AND coach_id = $coach_id;
