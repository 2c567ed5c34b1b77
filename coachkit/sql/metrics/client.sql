-- Who a metrics request is about: the coach, and the one client of a dashboard or report (NULL
-- for a roster). metrics/blocks.sql narrows the set rows by these as constants (views take no
-- parameters), which reach PostgreSQL as a WHERE on its indexes instead of a scan of every
-- gym's sets.
SET VARIABLE metric_request = {'coach_id': $coach_id, 'client_id': $client_id};
