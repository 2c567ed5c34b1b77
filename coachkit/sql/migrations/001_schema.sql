-- The first schema. Plain SQL types only (no LIST, STRUCT, ENUM or MAP), so that the same
-- tables can live in PostgreSQL. Foreign keys are kept by the code, not declared: DuckDB refuses
-- updates to rows that a foreign key references, and every client-scoped query filters by coach.
-- System times (created_at and the like) are UTC; workout timestamps are the client's local
-- wall-clock time, as the apps export them, with no time zone.

CREATE TABLE coaches (
    id            UUID PRIMARY KEY,
    email         VARCHAR NOT NULL UNIQUE,   -- stored lower-cased
    name          VARCHAR NOT NULL,
    password_hash VARCHAR,                   -- argon2; NULL for accounts that sign in by OIDC only
    created_at    TIMESTAMP NOT NULL
);

CREATE TABLE clients (
    id         UUID PRIMARY KEY,
    coach_id   UUID NOT NULL,
    name       VARCHAR NOT NULL,
    email      VARCHAR,
    notes      VARCHAR,
    archived   BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (coach_id, name)
);

-- The exercise catalog, copied from coachkit/catalog.csv whenever that file changes.
CREATE TABLE exercises (
    slug            VARCHAR PRIMARY KEY,
    name            VARCHAR NOT NULL,
    region          VARCHAR NOT NULL,        -- lower, upper, core, full, cardio, stretch
    primary_muscles VARCHAR NOT NULL,        -- '|'-separated
    equipment       VARCHAR NOT NULL
);

CREATE TABLE exercise_aliases (
    alias VARCHAR PRIMARY KEY,               -- catalog.normalise() of a spelling
    slug  VARCHAR NOT NULL
);

-- A coach's own answer for a name the catalog does not know; it wins over the catalog.
-- slug NULL with a region means "count it in this region, no catalog exercise".
CREATE TABLE exercise_mappings (
    coach_id   UUID NOT NULL,
    name_key   VARCHAR NOT NULL,             -- catalog.normalise() of the raw name
    slug       VARCHAR,
    region     VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (coach_id, name_key)
);

-- A coach's column mapping for a CSV layout CoachKit does not know, keyed by its header.
CREATE TABLE column_mappings (
    coach_id    UUID NOT NULL,
    header_key  VARCHAR NOT NULL,
    columns     VARCHAR NOT NULL,            -- JSON object: what -> the file's column name
    weight_unit VARCHAR,
    date_format VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (coach_id, header_key)
);

CREATE TABLE import_batches (
    id            UUID PRIMARY KEY,
    coach_id      UUID NOT NULL,
    client_id     UUID NOT NULL,
    file_name     VARCHAR NOT NULL,
    sha256        VARCHAR NOT NULL,
    layout        VARCHAR NOT NULL,
    unit          VARCHAR,                   -- kg or lb as the file was read; NULL when mixed
    rows_read     INTEGER NOT NULL,
    sets_added    INTEGER NOT NULL,
    sets_existing INTEGER NOT NULL,
    rows_skipped  INTEGER NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    undone_at     TIMESTAMP
);

-- One row per logged set. set_key is the natural key: the same set imported twice, from the
-- same file or from a newer export that repeats it, has the same key and is stored once.
-- The key is kept by insert_sets.sql under the store's write lock, not by a PRIMARY KEY: on
-- DuckDB that index made a million-set import three times slower and its file four times larger
-- (bench/ingest.py), and the lock makes concurrent imports in one process take turns.
CREATE TABLE set_rows (
    client_id     UUID NOT NULL,
    batch_id      UUID NOT NULL,
    set_key       VARCHAR NOT NULL,
    performed_at  TIMESTAMP NOT NULL,
    session_date  DATE NOT NULL,
    workout_name  VARCHAR,
    exercise_slug VARCHAR,                   -- NULL while the exercise is unknown
    exercise_raw  VARCHAR NOT NULL,          -- the name as the client's app logged it
    category_region VARCHAR,                 -- fallback region: the file's category or a mapping
    set_index     INTEGER NOT NULL,          -- 0-based order within workout and exercise
    set_type      VARCHAR NOT NULL,          -- working, warmup, drop, failure
    reps          INTEGER,
    weight_kg     DOUBLE,
    duration_s    DOUBLE,
    distance_m    DOUBLE,
    rpe           DOUBLE,
    notes         VARCHAR,
    workout_duration_s DOUBLE                -- the whole workout's, where the app logs it
);

-- Programs with coach_id NULL are CoachKit's built-in templates: read-only, copyable.
CREATE TABLE programs (
    id                  UUID PRIMARY KEY,
    coach_id            UUID,
    name                VARCHAR NOT NULL,
    description         VARCHAR NOT NULL,
    kind                VARCHAR NOT NULL,    -- weekly, or daily (exempt from rest and band)
    leg_freq_min        INTEGER NOT NULL,
    leg_freq_max        INTEGER NOT NULL,
    min_rest_days       INTEGER NOT NULL,
    stretching_required BOOLEAN NOT NULL,
    horizon_weeks       INTEGER NOT NULL,
    planned_weekdays    VARCHAR NOT NULL,    -- ISO weekdays, comma-separated: '1,4' = Mon, Thu
    daily_reps_target   INTEGER,             -- daily programs: squat reps that make a day done
    progression_notes   VARCHAR NOT NULL,
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL
);

CREATE TABLE program_exercises (
    program_id    UUID NOT NULL,
    position      INTEGER NOT NULL,
    exercise_slug VARCHAR NOT NULL,
    sets_min      INTEGER NOT NULL,
    sets_max      INTEGER NOT NULL,
    reps_min      INTEGER NOT NULL,
    reps_max      INTEGER NOT NULL,
    substitutes   VARCHAR NOT NULL,          -- '|'-separated slugs that also count
    notes         VARCHAR NOT NULL,
    PRIMARY KEY (program_id, position)
);

-- Past assignments are kept: ending one sets end_date, it is never deleted.
CREATE TABLE assignments (
    id               UUID PRIMARY KEY,
    coach_id         UUID NOT NULL,
    client_id        UUID NOT NULL,
    program_id       UUID NOT NULL,
    start_date       DATE NOT NULL,
    end_date         DATE,
    planned_weekdays VARCHAR NOT NULL,
    weekly_target    INTEGER,                -- NULL: the program's leg_freq_max
    created_at       TIMESTAMP NOT NULL
);

-- Only the SHA-256 of a share token is stored; the token itself is shown once.
CREATE TABLE share_links (
    id             UUID PRIMARY KEY,
    token_hash     VARCHAR NOT NULL UNIQUE,
    coach_id       UUID NOT NULL,
    client_id      UUID NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    expires_at     TIMESTAMP NOT NULL,
    revoked_at     TIMESTAMP,
    views          INTEGER NOT NULL,
    last_viewed_at TIMESTAMP
);

-- Per-client thresholds of METRICS.md; NULL means the default.
CREATE TABLE client_settings (
    client_id            UUID PRIMARY KEY,
    coach_id             UUID NOT NULL,
    lower_share_min      DOUBLE,
    lower_share_max      DOUBLE,
    min_rest_days        INTEGER,
    leg_freq_min         INTEGER,
    leg_freq_max         INTEGER,
    leg_session_min_sets DOUBLE,
    balance_window_days  INTEGER,
    adherence_min        DOUBLE,
    inactive_days        INTEGER,
    updated_at           TIMESTAMP NOT NULL
);

-- Small facts about the database itself: the catalog version loaded, whether it is the demo.
CREATE TABLE meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
