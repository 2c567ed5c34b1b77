"""A coach's answers to what a file leaves open, remembered for every later import: what an
exercise name the catalog does not know is, and which column of a CSV layout CoachKit does not
know holds what. Each answer is the coach's own; no other coach sees or uses it."""

from __future__ import annotations

import json
import uuid

from coachkit import catalog, versions
from coachkit.clock import utc_now
from coachkit.importers import header_key, mapped
from coachkit.store import Cursor, Store


def exercise_answers(cur: Cursor, coach_id: uuid.UUID) -> dict[str, str]:
    """The coach's answers by normalised name: a catalog slug, or a region alone."""
    return {
        r["name_key"]: r["slug"] or r["region"]
        for r in cur.rows("answers/exercise_mappings_for_coach", {"coach_id": coach_id})
    }


def column_mapping(
    cur: Cursor, coach_id: uuid.UUID, header: tuple[str, ...]
) -> mapped.ColumnMapping | None:
    """The coach's saved mapping for files with this header, if there is one."""
    saved = cur.one(
        "answers/column_mapping_get", {"coach_id": coach_id, "header_key": header_key(header)}
    )
    if saved is None:
        return None
    return mapped.ColumnMapping(
        json.loads(saved["columns"]), saved["weight_unit"], saved["date_format"]
    )


def map_exercise(
    store: Store,
    coach_id: uuid.UUID,
    raw_name: str,
    slug: str | None = None,
    region: str | None = None,
) -> int:
    """Remember the coach's answer for a name the catalog does not know, and apply it to the
    sets already imported under that name; return how many sets changed."""
    if slug is not None:
        try:
            region = catalog.exercise(slug).region
        except KeyError:
            raise ValueError(f"the catalog has no exercise {slug!r}") from None
    elif region not in catalog.REGIONS:
        raise ValueError(
            f"map a name to a catalog exercise or a region ({', '.join(catalog.REGIONS)})"
        )
    key = catalog.normalise(raw_name)
    with store.transaction() as cur:
        cur.execute("answers/exercise_mapping_delete", {"coach_id": coach_id, "name_key": key})
        cur.execute(
            "answers/exercise_mapping_insert",
            {"coach_id": coach_id, "name_key": key, "slug": slug, "region": region,
             "now": utc_now()},
        )  # fmt: skip
        names = [
            r["logged_exercise"]
            for r in cur.rows("answers/coach_logged_names", {"coach_id": coach_id})
        ]
        same = [n for n in names if catalog.normalise(n) == key]
        versions.changed(cur, coach_id)
        return (
            cur.scalar(
                "answers/apply_exercise_mapping",
                {"coach_id": coach_id, "names": same, "slug": slug, "region": region},
            )
            or 0
        )


def save_column_mapping(
    store: Store, coach_id: uuid.UUID, header: tuple[str, ...], mapping: mapped.ColumnMapping
) -> None:
    """Keep a column mapping for every later file with this header."""
    mapping.layout(header)  # refuse a mapping that does not fit before saving it
    with store.transaction() as cur:
        key = header_key(header)
        cur.execute("answers/column_mapping_delete", {"coach_id": coach_id, "header_key": key})
        cur.execute(
            "answers/column_mapping_insert",
            {
                "coach_id": coach_id,
                "header_key": key,
                "columns": json.dumps(mapping.columns, sort_keys=True),
                "weight_unit": mapping.weight_unit,
                "date_format": mapping.date_format,
                "now": utc_now(),
            },
        )
