-- A saved name of the coach's, before it is saved again (for the same or another client).
DELETE FROM client_file_names WHERE coach_id = $coach_id AND name_key = $name_key;
