-- A coach's new mapping applies to the sets already imported under those names, for that
-- coach's clients only. Returns how many sets changed.
UPDATE set_rows
SET exercise_slug = $slug, category_region = CASE WHEN $slug IS NULL THEN $region END
WHERE logged_exercise IN (SELECT unnest($names))
  AND client_id IN (SELECT id FROM clients WHERE coach_id = $coach_id);
