INSERT INTO coaches (id, email, name, password_hash, created_at)
VALUES ($id, $email, $name, $password_hash, $now);
