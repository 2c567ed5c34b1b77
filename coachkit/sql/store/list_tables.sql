-- CoachKit's tables, without its views: these are what a dump or a copy moves row by row.
SELECT table_name
FROM information_schema.tables
WHERE table_catalog = $catalog AND table_schema = current_schema() AND table_type = 'BASE TABLE'
ORDER BY table_name;
