SELECT EXISTS (SELECT 1 FROM set_rows WHERE client_id = $client_id);
