"""The exercise catalog, and how a free-text exercise name from a workout app finds its exercise.

Every metric in METRICS.md works on the region of an exercise (lower, upper, core, full, cardio,
stretch), but clients log one movement under many spellings: Strong and Hevy write
`Squat (Barbell)`, FitNotes `Barbell Squat`, people `BW squats` or `DB RDL`. `classify` turns a
name into a catalog exercise, or at least a region, or says honestly that it does not know, so
that the coach can map the name once (FORMATS.md, "Exercise names").

Names are compared by a key: the name's words after `normalise`, with abbreviations expanded,
compounds split (`pullup` is `pull up`), plurals made singular, filler words dropped, and the
words sorted. Sorting makes word order irrelevant, so the equipment can come first (FitNotes),
last, or in brackets (Strong, Hevy) and still meet the same alias. A name only ever matches a
whole key, never a fragment of one, so an exercise the catalog lacks stays unknown instead of
landing on a lookalike. When the whole name does not match, information is dropped in a fixed
order, from the least to the most telling: parts of a trailing bracket, a trailing ` - variant`,
grip and tempo words, then the equipment; each attempt must still match a whole key.

The catalog lives in `catalog.csv` next to this module and is read once per process.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from itertools import combinations

from coachkit import versions
from coachkit.store import Store, retry_conflicts

REGIONS = ("lower", "upper", "core", "full", "cardio", "stretch")
MUSCLES = (
    "quads", "hamstrings", "glutes", "calves", "adductors", "abductors", "hip_flexors",
    "chest", "back", "lats", "traps", "shoulders", "biceps", "triceps", "forearms",
    "abs", "obliques", "lower_back", "full_body", "cardio",
)  # fmt: skip
EQUIPMENT = (
    "barbell", "dumbbell", "machine", "cable", "bodyweight", "kettlebell", "band",
    "smith_machine", "plate_loaded", "ez_bar", "trap_bar", "other", "none",
)  # fmt: skip
COLUMNS = ("slug", "name", "region", "primary_muscles", "equipment", "aliases")

# The meta key under which `sync` remembers which version of catalog.csv the database holds.
_DIGEST_KEY = "catalog_sha256"


@dataclass(frozen=True)
class Exercise:
    slug: str
    name: str
    region: str
    muscles: tuple[str, ...]
    equipment: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Classification:
    slug: str | None  # catalog exercise, None when unknown
    region: str | None  # region of the exercise, or from the category fallback; None when unknown
    source: str  # "mapping" | "catalog" | "category" | "unknown"


# Square and curly brackets are read as round ones, so `Squat [Barbell]` is `Squat (Barbell)`.
_BRACKETS = str.maketrans("[]{}", "()()")
# Everything but letters, digits and round brackets separates words; `_` does too.
_SEPARATORS = re.compile(r"[^\w()]+|_")


def normalise(name: str) -> str:
    """The lookup key of a raw name: what coach mappings and the alias table are keyed by.

    Lower case, Unicode NFKC, punctuation (`-_/.'’,&` and the like) read as spaces, whitespace
    collapsed. Round brackets stay, tidied to `base (inner)`, because a mapping is the coach's
    answer for the name as the client wrote it.
    """
    text = unicodedata.normalize("NFKC", name or "").lower().translate(_BRACKETS)
    text = _SEPARATORS.sub(" ", text).replace("(", " ( ").replace(")", " ) ")
    return " ".join(text.split()).replace("( ", "(").replace(" )", ")")


# Shorthand and compounds as people type them, each replaced by the catalog's words. Keys are
# written as `_singular` leaves them ("rdls" arrives as "rdl"; three letters stay as they are).
_REWRITES: dict[str, tuple[str, ...]] = {
    "db": ("dumbbell",),
    "dbs": ("dumbbell",),
    "dumbell": ("dumbbell",),
    "bb": ("barbell",),
    "kb": ("kettlebell",),
    "bw": ("bodyweight",),
    "ohp": ("overhead", "press"),
    "rdl": ("romanian", "deadlift"),
    "sldl": ("stiff", "leg", "deadlift"),
    "dl": ("deadlift",),
    "bss": ("bulgarian", "split", "squat"),
    "rfess": ("rear", "foot", "elevated", "split", "squat"),
    "ghr": ("glute", "ham", "raise"),
    "hspu": ("handstand", "push", "up"),
    "cgbp": ("close", "grip", "bench", "press"),
    "ssb": ("safety", "bar"),
    "sl": ("single", "leg"),
    "legged": ("leg",),
    "ext": ("extension",),
    "tri": ("tricep",),
    "alt": ("alternating",),
    "alternate": ("alternating",),
    "inc": ("incline",),
    "dec": ("decline",),
    "mach": ("machine",),
    "wtd": ("weighted",),
    "laying": ("lying",),
    "flye": ("fly",),
    "abs": ("ab",),
    "ups": ("up",),
    "pullup": ("pull", "up"),
    "pushup": ("push", "up"),
    "pressup": ("press", "up"),
    "chinup": ("chin", "up"),
    "situp": ("sit", "up"),
    "stepup": ("step", "up"),
    "getup": ("get", "up"),
    "tbar": ("t", "bar"),
    "ezbar": ("ez", "bar"),
    "hexbar": ("hex", "bar"),
    "trapbar": ("trap", "bar"),
    "deadbug": ("dead", "bug"),
    "downdog": ("down", "dog"),
    "wallball": ("wall", "ball"),
    "skierg": ("ski", "erg"),
    "manmaker": ("man", "maker"),
    "shadowboxing": ("shadow", "boxing"),
    "concept2": ("concept", "2"),
}

# Word pairs written both apart and together; the joined form is the canonical one.
_JOINS = {
    ("body", "weight"): "bodyweight",
    ("dumb", "bell"): "dumbbell",
    ("bar", "bell"): "barbell",
    ("kettle", "bell"): "kettlebell",
    ("dead", "lift"): "deadlift",
    ("pull", "down"): "pulldown",
    ("push", "down"): "pushdown",
    ("press", "down"): "pressdown",
    ("kick", "back"): "kickback",
    ("pull", "over"): "pullover",
    ("cross", "over"): "crossover",
    ("skull", "crusher"): "skullcrusher",
    ("roll", "out"): "rollout",
    ("wood", "chop"): "woodchop",
    ("wood", "chopper"): "woodchopper",
    ("jack", "knife"): "jackknife",
    ("stair", "master"): "stairmaster",
    ("step", "mill"): "stepmill",
    ("hyper", "extension"): "hyperextension",
}

_IRREGULAR_PLURALS = {"calves": "calf", "feet": "foot"}

# Filler that never tells two exercises apart: "Calf Raise on Leg Press", "Clean & Jerk".
_STOPWORDS = frozenset({"a", "an", "the", "and", "with", "w", "of", "on", "to", "in", "using"})

# Words that describe how a set was done, not which exercise it was. Tried only after every
# spelling with them has failed, so "Close Grip Bench Press" still finds its own exercise.
_MODIFIERS = (
    ("close", "grip"), ("wide", "grip"), ("neutral", "grip"), ("narrow", "grip"),
    ("reverse", "grip"), ("underhand", "grip"), ("overhand", "grip"), ("v", "grip"),
    ("single", "leg"), ("one", "leg"), ("single", "arm"), ("one", "arm"),
    ("each", "side"), ("per", "side"), ("each", "arm"), ("per", "arm"), ("each", "leg"),
    ("per", "leg"), ("warm", "up"),
    ("negative",), ("eccentric",), ("pause",), ("paused",), ("tempo",), ("slow",),
    ("explosive",), ("heavy",), ("light",), ("strict",), ("kipping",), ("weighted",),
    ("standing",), ("seated",), ("alternating",), ("unilateral",), ("deficit",),
    ("partial",), ("banded",), ("chain",), ("wide",), ("narrow",), ("neutral",),
    ("underhand",), ("overhand",), ("pronated",), ("supinated",), ("grip",), ("stance",),
    ("iso",), ("isometric",), ("variation",),
)  # fmt: skip

# Equipment words, dropped last: "Lying Leg Curl Machine" is the lying leg curl, and
# "Smith Machine Hack Squat" is at least a hack squat.
_EQUIPMENT_WORDS = (
    ("smith", "machine"), ("plate", "loaded"), ("resistance", "band"), ("ez", "bar"),
    ("trap", "bar"), ("hex", "bar"), ("straight", "bar"), ("v", "bar"),
    ("hammer", "strength"), ("stability", "ball"), ("swiss", "ball"), ("exercise", "ball"),
    ("barbell",), ("dumbbell",), ("kettlebell",), ("cable",), ("machine",), ("smith",),
    ("band",), ("bodyweight",), ("lever",), ("leverage",), ("plate",), ("trx",),
)  # fmt: skip


def _by_first_word(*groups: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases indexed by their first word, longest first, so dropping them is one pass."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted((p for group in groups for p in group), key=len, reverse=True):
        index.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(phrases) for first, phrases in index.items()}


# The order in which words are dropped when the name as written has no match.
_DROPS = (
    {},
    _by_first_word(_MODIFIERS),
    _by_first_word(_EQUIPMENT_WORDS),
    _by_first_word(_MODIFIERS, _EQUIPMENT_WORDS),
)

_TRAILING_BRACKET = re.compile(r"^(?P<base>.*?)\s*\((?P<inner>[^()]*)\)\s*$")
_DASH = re.compile(r"\s+[-‐‑–—]+\s+")
# Inside a bracket a spaced dash, a comma, a semicolon or a slash separates hints:
# "(Cable - Straight Bar)", "(Each Side, Dumbbells)".
_BRACKET_PARTS = re.compile(r"\s+[-‐‑–—]+\s+|\s*[,;/]\s*")


def _singular(word: str) -> str:
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    return word[:-1]


def _words(name: str) -> list[str]:
    """The canonical words of a name, in their written order."""
    words: list[str] = []
    for word in normalise(name).replace("(", " ").replace(")", " ").split():
        # A lone "s" is what a possessive leaves behind: "Child's Pose" gives "child s pose".
        if word == "s":
            continue
        word = _singular(word)
        for part in _REWRITES.get(word, (word,)):
            if words and (words[-1], part) in _JOINS:
                words[-1] = _JOINS[words[-1], part]
            else:
                words.append(part)
    return [word for word in words if word not in _STOPWORDS]


def _key(words: Sequence[str]) -> str:
    return " ".join(sorted(words))


def _without(words: Sequence[str], drop: Mapping[str, Sequence[tuple[str, ...]]]) -> list[str]:
    """`words` without the phrases in `drop`, read left to right, the longest phrase first."""
    kept: list[str] = []
    at = 0
    while at < len(words):
        for phrase in drop.get(words[at], ()):
            if tuple(words[at : at + len(phrase)]) == phrase:
                at += len(phrase)
                break
        else:
            kept.append(words[at])
            at += 1
    return kept


def _spellings(name: str) -> list[list[str]]:
    """The readings of a name to look up, most specific first, before any words are dropped."""
    text = unicodedata.normalize("NFKC", name).translate(_BRACKETS)
    readings = [_words(text)]
    base, hints = text, []
    match = _TRAILING_BRACKET.match(text)
    if match:
        # A bracket names equipment or a variant: try the base with fewer of its hints, then
        # bare. Four hints at most keeps this to a handful of lookups.
        base = match["base"]
        parts = [part for part in _BRACKET_PARTS.split(match["inner"]) if part.strip()]
        hints = [_words(part) for part in parts[:4]]
        base_words = _words(base)
        for size in range(len(hints) - 1, 0, -1):
            readings += [base_words + _flat(combo) for combo in combinations(hints, size)]
        readings.append(base_words)
    head, *variant = _DASH.split(base)
    if variant:
        # "Squat - Pause": the part before the dash, with and without the bracket's hints.
        head_words = _words(head)
        if hints:
            readings.append(head_words + _flat(hints))
        readings.append(head_words)
    return readings


def _flat(lists: Sequence[list[str]]) -> list[str]:
    return [word for words in lists for word in words]


def _candidate_keys(name: str) -> Iterator[str]:
    readings = _spellings(name)
    seen: set[str] = set()
    for drop in _DROPS:
        for words in readings:
            key = _key(_without(words, drop) if drop else words)
            if key and key not in seen:
                seen.add(key)
                yield key


@dataclass(frozen=True)
class _Catalog:
    exercises: tuple[Exercise, ...]
    by_slug: dict[str, Exercise]
    index: dict[str, str]  # lookup key of the slug, the name and every alias -> slug


def _csv_text() -> str:
    return (files("coachkit") / "catalog.csv").read_text(encoding="utf-8")


def _split(field: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in field.split("|") if part.strip())


@cache
def _catalog() -> _Catalog:
    reader = csv.DictReader(io.StringIO(_csv_text()))
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise ValueError(f"catalog.csv: columns must be {','.join(COLUMNS)}")
    rows = tuple(
        Exercise(
            slug=row["slug"].strip(),
            name=row["name"].strip(),
            region=row["region"].strip(),
            muscles=_split(row["primary_muscles"]),
            equipment=row["equipment"].strip(),
            aliases=_split(row["aliases"]),
        )
        for row in reader
    )
    by_slug: dict[str, Exercise] = {}
    index: dict[str, str] = {}
    for ex in rows:
        if ex.slug in by_slug:
            raise ValueError(f"catalog.csv: slug {ex.slug} appears twice")
        if ex.region not in REGIONS:
            raise ValueError(f"catalog.csv: {ex.slug} has unknown region {ex.region!r}")
        by_slug[ex.slug] = ex
        for spelling in (ex.slug, ex.name, *ex.aliases):
            key = _key(_words(spelling))
            # One key, one exercise: an alias shared by two exercises would make the answer
            # depend on file order, so the catalog refuses to load instead.
            if index.setdefault(key, ex.slug) != ex.slug:
                raise ValueError(f"catalog.csv: {spelling!r} of {ex.slug} reads like {index[key]}")
    return _Catalog(rows, by_slug, index)


def exercises() -> tuple[Exercise, ...]:
    """The whole catalog, in file order."""
    return _catalog().exercises


def exercise(slug: str) -> Exercise:
    """The catalog exercise with this slug; KeyError when there is none."""
    return _catalog().by_slug[slug]


# FitNotes' stock categories and the ones users add (FORMATS.md), read like exercise names so
# that case and plurals do not matter.
_CATEGORY_NAMES = {
    "upper": (
        "chest", "back", "shoulders", "biceps", "triceps", "arms", "forearms", "lats", "traps",
        "upper body", "upper", "neck",
    ),
    "lower": (
        "legs", "quads", "quadriceps", "hamstrings", "glutes", "calves", "adductors",
        "abductors", "hips", "lower body", "lower",
    ),
    "core": ("abs", "core", "obliques", "abdominals"),
    "cardio": ("cardio", "conditioning"),
    "stretch": ("stretching", "stretch", "mobility", "flexibility", "yoga"),
    "full": (
        "full body", "total body", "olympic", "olympic lifts", "olympic lifting",
        "olympic weightlifting", "weightlifting",
    ),
}  # fmt: skip
_CATEGORY_REGIONS = {
    _key(_words(category)): region
    for region, categories in _CATEGORY_NAMES.items()
    for category in categories
}


def region_for_category(category: str | None) -> str | None:
    """The region a FitNotes-style category stands for, None when it names none we know."""
    if not category:
        return None
    return _CATEGORY_REGIONS.get(_key(_words(category)))


@lru_cache(maxsize=8192)
def _catalog_slug(name: str) -> str | None:
    index = _catalog().index
    for key in _candidate_keys(name):
        slug = index.get(key)
        if slug is not None:
            return slug
    return None


def classify(
    name: str, category: str | None = None, mappings: Mapping[str, str] | None = None
) -> Classification:
    """Which exercise, or at least which region, a logged name stands for.

    In order: the coach's own mapping (keyed by `normalise(name)`; its value is a slug, or a
    region for a name that has no catalog exercise), the catalog, the file's category column,
    else unknown. A mapping to a slug the catalog no longer has is skipped rather than trusted,
    so a renamed slug degrades to the catalog's answer instead of an exercise that does not exist.
    """
    catalog = _catalog()
    if mappings:
        target = mappings.get(normalise(name))
        if target in catalog.by_slug:
            return Classification(target, catalog.by_slug[target].region, "mapping")
        if target in REGIONS:
            return Classification(None, target, "mapping")
    slug = _catalog_slug(name or "")
    if slug is not None:
        return Classification(slug, catalog.by_slug[slug].region, "catalog")
    region = region_for_category(category)
    if region is not None:
        return Classification(None, region, "category")
    return Classification(None, None, "unknown")


def sync(store: Store) -> int:
    """Copy the catalog into the database when catalog.csv differs from the copy it holds.

    The database keeps the catalog so that SQL can join sets to regions and aliases; the SHA-256
    of the file, kept in `meta`, tells whether the copy is current. Returns how many exercises
    were written, 0 when the database was already up to date. Every command and every app
    server start calls this, so the common case, nothing to do, is one small query.
    """
    # Two app servers starting at once both find the copy stale; the one that loses the race
    # starts over and finds it current.
    return retry_conflicts(lambda: _sync_once(store))


def _sync_once(store: Store) -> int:
    digest = hashlib.sha256(_csv_text().encode("utf-8")).hexdigest()
    if store.meta(_DIGEST_KEY) == digest:
        return 0
    catalog = _catalog()
    aliases: dict[str, str] = {}
    for ex in catalog.exercises:
        for spelling in (ex.slug, ex.name, *ex.aliases):
            aliases.setdefault(normalise(spelling), ex.slug)
    with store.transaction() as cur:
        cur.execute("catalog/clear_exercises")
        cur.execute(
            "catalog/insert_exercises",
            {
                "slug": [ex.slug for ex in catalog.exercises],
                "name": [ex.name for ex in catalog.exercises],
                "region": [ex.region for ex in catalog.exercises],
                "primary_muscles": ["|".join(ex.muscles) for ex in catalog.exercises],
                "equipment": [ex.equipment for ex in catalog.exercises],
            },
        )
        cur.execute(
            "catalog/insert_aliases", {"alias": list(aliases), "slug": list(aliases.values())}
        )
        cur.set_meta(_DIGEST_KEY, digest)
        versions.changed_all(cur)
    return len(catalog.exercises)
