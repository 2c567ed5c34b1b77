-- PostgreSQL only: a coach's set rows by index, for the roster (005).
CALL postgres_execute('ck', 'CREATE INDEX set_rows_coach ON set_rows (coach_id, client_id)');
