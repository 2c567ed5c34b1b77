-- The view credited_sets (002) defined a set's region and credit over every set row, so each
-- metrics query joined the whole table to the catalog before it narrowed down to the clients
-- it asked for. The definition now lives in metrics_blocks.sql as metric_sets, which narrows
-- to the clients first; the view has no reader left.
DROP VIEW credited_sets;
