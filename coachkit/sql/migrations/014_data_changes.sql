-- Data versions (issue 19): one row for every write that changes what a coach's pages show
-- (an import or its undo, an exercise mapping, thresholds, a program or its assignment, a
-- client added or archived, the catalog). A coach's data version is the count of their rows:
-- it only grows, and rows are only ever inserted, so two app servers writing at once never
-- wait on each other or conflict over it. Pages cache their numbers under the coach and the
-- version (coachkit/versions.py).
CREATE TABLE data_changes (
    coach_id   UUID NOT NULL,
    changed_at TIMESTAMP NOT NULL
);
CREATE INDEX data_changes_coach ON data_changes (coach_id);
