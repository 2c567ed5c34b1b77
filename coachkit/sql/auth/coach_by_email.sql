SELECT id, email, name, password_hash FROM coaches WHERE email = $email;
