-- Scalar macros the metrics queries share, defined once per process in the connection's
-- in-memory catalog (store.py), so that no request pays for defining them and the
-- rules they word live in one place.

-- The balance band of a lower share (METRICS.md): below the band top-heavy, above it
-- lower-dominant; none without working sets.
CREATE OR REPLACE MACRO balance_band(share, low, high) AS
    CASE
        WHEN share < low THEN 'top-heavy'
        WHEN share > high THEN 'lower-dominant'
        WHEN share IS NOT NULL THEN 'balanced'
    END;

-- The gap before a leg session, counted in a window only when the leg session before it is
-- in the same window too; and its traffic light: green at least min_rest_days (72 h between
-- heavy leg sessions: Israetel), amber one day short, red shorter. Daily programs are exempt.
CREATE OR REPLACE MACRO window_gap(leg_session, day, previous, first_day) AS
    CASE WHEN leg_session AND previous >= first_day THEN day - previous END;

CREATE OR REPLACE MACRO recovery_light(gap, min_rest_days, daily) AS
    CASE
        WHEN gap IS NULL OR daily THEN NULL
        WHEN gap >= min_rest_days THEN 'green'
        WHEN gap = min_rest_days - 1 THEN 'amber'
        ELSE 'red'
    END;

-- Text as a spreadsheet must show it, never run it: a cell that starts with = + - @ (or a tab
-- or a carriage return) is a formula to Excel, LibreOffice and Google Sheets
-- (=HYPERLINK(...), +cmd|...), so it gets a leading apostrophe, which they read as
-- "this is text" (OWASP, CSV injection). Every CSV CoachKit writes passes its text through this.
CREATE OR REPLACE MACRO spreadsheet_text(t) AS
    CASE WHEN regexp_matches(t, '^[=+\-@\t\r]') THEN '''' || t ELSE t END;
