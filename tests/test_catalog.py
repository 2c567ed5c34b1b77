"""The catalog knows the exercises clients log, and names find them however the app spells them."""

import csv
import re
from importlib.resources import files

import pytest

from coachkit import catalog
from coachkit.catalog import Classification, classify, normalise, region_for_category
from coachkit.store import open_store
from tests.builtin_exercises import HEVY_LEGS, HEVY_OTHER, STRONG_LEGS, STRONG_OTHER

# Spellings seen in real exports (FORMATS.md, "Exercise names") and the exercise each means.
SPELLINGS = [
    # Strong: "Base (Equipment or Variant)"
    ("Squat (Barbell)", "barbell_back_squat"),
    ("Leg Extension (Machine)", "leg_extension"),
    ("Lying Leg Curl (Machine)", "lying_leg_curl"),
    ("Seated Leg Curl (Machine)", "seated_leg_curl"),
    ("Hip Adductor (Machine)", "hip_adduction_machine"),
    ("Hip Abductor (Machine)", "hip_abduction_machine"),
    ("Lunge (Dumbbell)", "dumbbell_lunge"),
    ("Lunge (Barbell)", "barbell_lunge"),
    ("Lunge (Bodyweight)", "bodyweight_lunge"),
    ("Squat (Dumbbell)", "dumbbell_squat"),
    ("Squat (Bodyweight)", "bodyweight_squat"),
    ("Goblet Squat (Kettlebell)", "goblet_squat"),
    ("Bench Press (Barbell)", "bench_press"),
    ("Bench Press (Dumbbell)", "dumbbell_bench_press"),
    ("Incline Bench Press (Barbell)", "incline_bench_press"),
    ("Bench Press - Close Grip (Barbell)", "close_grip_bench_press"),
    ("Triceps Pushdown (Cable - Straight Bar)", "triceps_pushdown"),
    ("Pull Up (Neutral Grip)", "pull_up"),
    ("Pull Up (Assisted)", "assisted_pull_up"),
    ("Chin Up", "chin_up"),
    ("Seated Calf Raise (Plate Loaded)", "seated_calf_raise"),
    ("Standing Calf Raise (Machine)", "standing_calf_raise"),
    ("Calf Press on Leg Press", "leg_press_calf_raise"),
    ("Romanian Deadlift (Barbell)", "romanian_deadlift"),
    ("Romanian Deadlift (Dumbbell)", "dumbbell_romanian_deadlift"),
    ("Deadlift (Barbell)", "deadlift"),
    ("Sumo Deadlift (Barbell)", "sumo_deadlift"),
    ("Trap Bar Deadlift", "trap_bar_deadlift"),
    ("Front Squat (Barbell)", "front_squat"),
    ("Box Squat (Barbell)", "box_squat"),
    ("Good Morning (Barbell)", "good_morning"),
    ("Bulgarian Split Squat", "bulgarian_split_squat"),
    ("Hack Squat", "hack_squat"),
    ("Pull Up", "pull_up"),
    ("Overhead Press (Barbell)", "overhead_press"),
    ("Overhead Press (Dumbbell)", "dumbbell_shoulder_press"),
    ("Bent Over Row (Barbell)", "barbell_row"),
    ("Bent Over One Arm Row (Dumbbell)", "dumbbell_row"),
    ("Seated Row (Cable)", "seated_cable_row"),
    ("Face Pull (Cable)", "face_pull"),
    ("Lateral Raise (Dumbbell)", "lateral_raise"),
    ("Bicep Curl (Dumbbell)", "dumbbell_curl"),
    ("Bicep Curl (Barbell)", "barbell_curl"),
    ("Hammer Curl (Dumbbell)", "hammer_curl"),
    ("Skullcrusher (Barbell)", "skullcrusher"),
    ("Chest Fly (Dumbbell)", "dumbbell_fly"),
    ("Pec Deck (Machine)", "pec_deck"),
    ("Shrug (Barbell)", "barbell_shrug"),
    ("Chest Dip", "chest_dip"),
    ("Push Up (Knees)", "knee_push_up"),
    ("Crunch (Machine)", "machine_crunch"),
    ("Knee Raise (Captain's Chair)", "hanging_knee_raise"),
    ("Running (Treadmill)", "treadmill_running"),
    ("Cycling (Indoor)", "stationary_bike"),
    ("Rowing (Machine)", "rowing_machine"),
    ("Thruster (Barbell)", "thruster"),
    ("Clean and Jerk (Barbell)", "clean_and_jerk"),
    ("Stretching", "stretching"),
    # Hevy
    ("Leg Press (Machine)", "leg_press"),
    ("Hip Thrust (Barbell)", "hip_thrust"),
    ("Goblet Squat", "goblet_squat"),
    ("Jump Squat", "squat_jump"),
    ("Lat Pulldown (Cable)", "lat_pulldown"),
    ("Lat Pulldown - Close Grip (Cable)", "close_grip_lat_pulldown"),
    ("Walking Lunge (Dumbbell)", "walking_lunge"),
    ("Hip Adduction (Machine)", "hip_adduction_machine"),
    ("Hack Squat (Machine)", "hack_squat"),
    ("Seated Cable Row - V Grip (Cable)", "seated_cable_row"),
    ("Rear Delt Reverse Fly (Machine)", "reverse_pec_deck"),
    ("Triceps Rope Pushdown", "triceps_rope_pushdown"),
    ("Butterfly (Pec Deck)", "pec_deck"),
    ("Nordic Hamstrings Curls", "nordic_hamstring_curl"),
    ("Russian Twist (Weighted)", "russian_twist"),
    ("Back Extension (Hyperextension)", "back_extension"),
    ("Elliptical Trainer", "elliptical"),
    ("Kettlebell Swing", "kettlebell_swing"),
    # FitNotes and JEFIT: equipment first, last or nowhere
    ("Barbell Squat", "barbell_back_squat"),
    ("Flat Barbell Bench Press", "bench_press"),
    ("Lying Leg Curl Machine", "lying_leg_curl"),
    ("Seated Leg Curl Machine", "seated_leg_curl"),
    ("Leg Extension Machine", "leg_extension"),
    ("Dumbbell Lunge", "dumbbell_lunge"),
    ("Overhead Press (Each Side, Dumbbells)", "dumbbell_shoulder_press"),
    ("Seated Calf Raise Machine", "seated_calf_raise"),
    ("Standing Calf Raise Machine", "standing_calf_raise"),
    ("Stiff-Legged Deadlift", "stiff_leg_deadlift"),
    ("Glute-Ham Raise", "glute_ham_raise"),
    ("Barbell Front Squat", "front_squat"),
    ("Incline Dumbbell Fly", "incline_dumbbell_fly"),
    ("EZ-Bar Skullcrusher", "skullcrusher"),
    ("Rope Push Down", "triceps_rope_pushdown"),
    ("V-Bar Push Down", "triceps_pushdown"),
    ("Straight-Arm Cable Pushdown", "straight_arm_pulldown"),
    ("Seated Incline Dumbbell Curl", "incline_dumbbell_curl"),
    ("Lateral Dumbbell Raise", "lateral_raise"),
    ("Hammer Strength Row", "machine_row"),
    ("Ab-Wheel Rollout", "ab_wheel_rollout"),
    ("Running (Outdoor)", "running"),
    ("Hamstring Stretch", "hamstring_stretch"),
    ("Standing Quad Stretch", "quad_stretch"),
    ("Kneeling Hip Flexor Stretch", "hip_flexor_stretch"),
    ("Pigeon Stretch", "pigeon_pose"),
    # Typed by people: abbreviations, plurals, case and punctuation
    ("DB RDL", "dumbbell_romanian_deadlift"),
    ("rdl", "romanian_deadlift"),
    ("SLDL", "stiff_leg_deadlift"),
    ("pull up negative neutral grip", "pull_up"),
    ("air squats", "bodyweight_squat"),
    ("BW squats", "bodyweight_squat"),
    ("squat jumps", "squat_jump"),
    ("walking lunges", "walking_lunge"),
    ("Lunges", "bodyweight_lunge"),
    ("Squats", "barbell_back_squat"),
    ("Leg Curls", "lying_leg_curl"),
    ("Calf Raises", "standing_calf_raise"),
    ("OHP", "overhead_press"),
    ("bss", "bulgarian_split_squat"),
    ("SQUAT (BARBELL)", "barbell_back_squat"),
    ("squat(barbell)", "barbell_back_squat"),
    ("  Leg   extension ", "leg_extension"),
    ("pullups", "pull_up"),
    ("Pull-ups", "pull_up"),
    ("push-ups", "push_up"),
    ("Pushup", "push_up"),
    ("chinups", "chin_up"),
    ("KB swings", "kettlebell_swing"),
    ("DB bench", "dumbbell_bench_press"),
    ("db curls", "dumbbell_curl"),
    ("ez bar curls", "ez_bar_curl"),
    ("tricep pushdowns", "triceps_pushdown"),
    ("skull crushers", "skullcrusher"),
    ("Dumbell Shoulder Press", "dumbbell_shoulder_press"),
    ("laying leg curl", "lying_leg_curl"),
    ("Prone leg curl", "lying_leg_curl"),
    ("Adductor machine", "hip_adduction_machine"),
    ("Squat - Pause", "pause_squat"),
    ("weighted pull ups", "pull_up"),
    ("Child's Pose", "childs_pose"),
    ("Worlds greatest stretch", "worlds_greatest_stretch"),
    ("90/90 hip stretch", "hip_90_90_stretch"),
    ("Clean & Jerk", "clean_and_jerk"),
    ("Farmers walk", "farmers_walk"),
    ("Burpees", "burpee"),
    ("jump rope", "jump_rope"),
    ("Planks", "plank"),
    ("hanging leg raises", "hanging_leg_raise"),
    ("foam rolling quads", "foam_roll_quads"),
]

# The exercises of the leg guidance CoachKit is built on, and the region each must have.
LEG_GUIDANCE = {
    "leg_extension": "lower",
    "hip_adduction_machine": "lower",
    "lying_leg_curl": "lower",
    "barbell_back_squat": "lower",
    "dumbbell_squat": "lower",
    "goblet_squat": "lower",
    "bodyweight_squat": "lower",
    "dumbbell_lunge": "lower",
    "barbell_lunge": "lower",
    "bodyweight_lunge": "lower",
    "squat_jump": "lower",
}

# Slugs other modules refer to, one or more per region.
REFERENCED = {
    "seated_leg_curl": "lower",
    "walking_lunge": "lower",
    "standing_calf_raise": "lower",
    "romanian_deadlift": "lower",
    "deadlift": "lower",
    "hip_thrust": "lower",
    "leg_press": "lower",
    "wall_sit": "lower",
    "bench_press": "upper",
    "overhead_press": "upper",
    "barbell_row": "upper",
    "pull_up": "upper",
    "lat_pulldown": "upper",
    "dumbbell_curl": "upper",
    "triceps_pushdown": "upper",
    "push_up": "upper",
    "plank": "core",
    "crunch": "core",
    "running": "cardio",
    "treadmill_running": "cardio",
    "cycling": "cardio",
    "burpee": "full",
    "thruster": "full",
    "quad_stretch": "stretch",
    "hamstring_stretch": "stretch",
    "hip_flexor_stretch": "stretch",
    "calf_stretch": "stretch",
    "pigeon_pose": "stretch",
}

# Names from real exports the catalog once missed (issue 14), with the exercise each is.
FROM_REAL_FILES = {
    "Calf Extension (Machine)": "leg_press_calf_raise",
    "Lateral Squat": "lateral_lunge",
    "Hip Extension": "glute_kickback",
    "Cable Kickback": "glute_kickback",
    "Iso-Lateral Low Row": "machine_row",
    "Behind the Back Curl (Cable)": "cable_curl",
    "Seated Incline Hammer Curl (Dumbbell)": "hammer_curl",
    "Rope Straight Arm Pulldown": "straight_arm_pulldown",
    "Decline Cable Chest Press": "decline_bench_press",
    "Single Arm Tricep Rope": "triceps_rope_pushdown",
    "Cross Body Curl": "hammer_curl",
    "Waiter Curl": "dumbbell_curl",
    "Side Plank Crunch": "oblique_crunch",
    "Latzug": "lat_pulldown",
    # German names, as a German-language phone logs them
    "Kniebeuge": "barbell_back_squat",
    "Beinpresse": "leg_press",
    "Beinstrecker": "leg_extension",
    "Beinbeuger liegend": "lying_leg_curl",
    "Kreuzheben": "deadlift",
    "Rumänisches Kreuzheben": "romanian_deadlift",
    "Ausfallschritte": "dumbbell_lunge",
    "Wadenheben": "standing_calf_raise",
    "Adduktorenmaschine": "hip_adduction_machine",
    "Bankdrücken": "bench_press",
    "Klimmzüge": "pull_up",
}

MADE_UP = [
    "Wombat Press Thing",
    "Wombat Press",
    "wombat-press THING",
    "Squat Thing Extra",
    "Banana Press",
    "Leg Day",
    "Curl",
    "Row",
    "Press",
    "Machine",
    "Workout",
    "",
]


def slugs() -> set[str]:
    return {ex.slug for ex in catalog.exercises()}


def csv_rows() -> list[dict[str, str]]:
    text = (files("coachkit") / "catalog.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def test_the_spelling_table_is_big_enough_to_mean_something():
    assert len(SPELLINGS) >= 70


def test_every_expected_slug_in_the_spelling_table_is_in_the_catalog():
    missing = sorted({slug for _, slug in SPELLINGS} - slugs())
    assert missing == []


def test_real_world_spellings_classify_to_the_expected_exercise():
    misses = [
        (spelling, expected, classify(spelling).slug)
        for spelling, expected in SPELLINGS
        if classify(spelling).slug != expected
    ]
    hit_rate = 1 - len(misses) / len(SPELLINGS)
    assert hit_rate >= 0.95, "\n".join(f"{s!r}: want {w}, got {g}" for s, w, g in misses)


@pytest.mark.parametrize(("name", "slug"), sorted(FROM_REAL_FILES.items()))
def test_names_from_real_exports_classify_to_their_exercise(name, slug):
    assert classify(name).slug == slug


@pytest.mark.parametrize(
    ("legs", "other"),
    [(STRONG_LEGS, STRONG_OTHER), (HEVY_LEGS, HEVY_OTHER)],
    ids=["strong", "hevy"],
)
def test_every_built_in_exercise_of_strong_and_hevy_classifies_to_its_region(legs, other):
    # Leg names must count as lower body; every other built-in must be known, and not as legs.
    wrong_legs = [(n, classify(n).region) for n in legs if classify(n).region != "lower"]
    unknown = [n for n in other if classify(n).slug is None]
    other_as_legs = [n for n in other if classify(n).region == "lower"]
    assert (wrong_legs, unknown, other_as_legs) == ([], [], [])


def test_the_built_in_lists_are_the_apps_whole_lists():
    # 253 Strong exercises and 429 Hevy templates (tests/builtin_exercises.py), no repeats.
    strong, hevy = STRONG_LEGS + STRONG_OTHER, HEVY_LEGS + HEVY_OTHER
    assert (len(strong), len(set(strong)), len(hevy), len(set(hevy))) == (253, 253, 429, 429)


def test_catalog_has_at_least_250_exercises_and_20_stretches():
    exercises = catalog.exercises()
    assert len(exercises) >= 250
    assert sum(ex.region == "stretch" for ex in exercises) >= 20


def test_every_region_has_exercises():
    assert {ex.region for ex in catalog.exercises()} == set(catalog.REGIONS)


def test_every_row_uses_a_known_region_muscle_and_equipment():
    for ex in catalog.exercises():
        assert ex.region in catalog.REGIONS, ex.slug
        assert ex.muscles, ex.slug
        assert set(ex.muscles) <= set(catalog.MUSCLES), ex.slug
        assert ex.equipment in catalog.EQUIPMENT, ex.slug


def test_slugs_are_unique_snake_case():
    all_slugs = [ex.slug for ex in catalog.exercises()]
    assert len(all_slugs) == len(set(all_slugs))
    assert all(re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)*", slug) for slug in all_slugs)


def test_catalog_file_has_exactly_the_documented_columns():
    text = (files("coachkit") / "catalog.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "slug,name,region,primary_muscles,equipment,aliases"


def test_no_normalised_spelling_belongs_to_two_exercises():
    owner: dict[str, str] = {}
    clashes = []
    for ex in catalog.exercises():
        for spelling in (ex.name, *ex.aliases):
            key = normalise(spelling)
            if owner.setdefault(key, ex.slug) != ex.slug:
                clashes.append((spelling, owner[key], ex.slug))
    assert clashes == []


def test_every_name_and_alias_classifies_to_its_own_exercise():
    # Stronger than unique normalised aliases: spellings that differ only in word order,
    # plurals or abbreviations must not reach two exercises either.
    wrong = [
        (spelling, ex.slug, classify(spelling).slug)
        for ex in catalog.exercises()
        for spelling in (ex.name, *ex.aliases)
        if classify(spelling).slug != ex.slug
    ]
    assert wrong == []


def test_aliases_with_a_comma_survive_the_csv_quoting():
    row = next(r for r in csv_rows() if r["slug"] == "dumbbell_shoulder_press")
    assert "Overhead Press (Each Side, Dumbbells)" in row["aliases"].split("|")
    assert "Overhead Press (Each Side, Dumbbells)" in catalog.exercise(row["slug"]).aliases


def test_exercises_come_in_file_order():
    assert [ex.slug for ex in catalog.exercises()] == [row["slug"] for row in csv_rows()]


@pytest.mark.parametrize(("slug", "region"), sorted(LEG_GUIDANCE.items()))
def test_each_leg_guidance_exercise_is_in_the_catalog_as_lower_body(slug, region):
    assert catalog.exercise(slug).region == region


@pytest.mark.parametrize(("slug", "region"), sorted(REFERENCED.items()))
def test_slugs_other_modules_use_exist_with_their_region(slug, region):
    assert catalog.exercise(slug).region == region


def test_deadlifts_hip_thrusts_calf_raises_and_leg_press_count_as_lower_body():
    for slug in ("deadlift", "romanian_deadlift", "hip_thrust", "seated_calf_raise", "leg_press"):
        assert catalog.exercise(slug).region == "lower", slug


def test_an_unknown_slug_raises_key_error():
    with pytest.raises(KeyError):
        catalog.exercise("zottman_curl_thing")


def test_normalise_lowercases_and_reads_punctuation_as_spaces():
    assert normalise("  Pull-Up / Chin_Up. ") == "pull up chin up"
    assert normalise("Clean & Jerk") == "clean jerk"
    assert normalise("Child’s Pose") == normalise("Child's Pose") == "child s pose"


def test_normalise_keeps_a_tidy_bracket():
    assert normalise("Squat  ( Barbell )") == "squat (barbell)"
    assert normalise("squat(barbell)") == "squat (barbell)"
    assert normalise("Squat [Barbell]") == "squat (barbell)"


def test_normalise_folds_unicode_compatibility_forms():
    assert normalise("ＳＱＵＡＴ") == "squat"


def test_equipment_in_brackets_is_a_hint_not_a_different_exercise():
    assert classify("Lying Leg Curl (Machine)").slug == classify("Lying Leg Curl").slug
    assert classify("Pull Up (Neutral Grip)").slug == "pull_up"
    assert classify("Seated Leg Curl (Band)").slug == "seated_leg_curl"


def test_equipment_in_brackets_picks_the_variant_when_the_catalog_has_one():
    assert classify("Squat (Barbell)").slug == "barbell_back_squat"
    assert classify("Squat (Dumbbell)").slug == "dumbbell_squat"
    assert classify("Squat (Bodyweight)").slug == "bodyweight_squat"
    assert classify("Squat (Smith Machine)").slug == "smith_machine_squat"


def test_equipment_may_come_first_last_or_in_brackets():
    for spelling in ("Barbell Squat", "Squat Barbell", "Squat (Barbell)", "squat - barbell"):
        assert classify(spelling).slug == "barbell_back_squat", spelling
    for spelling in ("Lying Leg Curl Machine", "Machine Lying Leg Curl"):
        assert classify(spelling).slug == "lying_leg_curl", spelling


def test_a_trailing_dash_variant_falls_back_to_the_base_exercise():
    assert classify("Bent Over Row - Underhand (Barbell)").slug == "barbell_row"
    assert classify("Hip Thrust - Banded").slug == "hip_thrust"


def test_grip_and_tempo_words_do_not_hide_the_exercise():
    assert classify("Wide Grip Pull Up Negatives").slug == "pull_up"
    assert classify("Tempo Goblet Squat").slug == "goblet_squat"
    assert classify("Single Arm Lat Pulldown").slug == "lat_pulldown"


def test_a_variant_the_catalog_lists_wins_over_its_base():
    assert classify("Close Grip Bench Press").slug == "close_grip_bench_press"
    assert classify("Single Leg RDL").slug == "single_leg_romanian_deadlift"
    assert classify("Seated Calf Raise").slug == "seated_calf_raise"


def test_catalog_answers_say_where_they_came_from():
    assert classify("Squat (Barbell)") == Classification("barbell_back_squat", "lower", "catalog")


def test_coach_mapping_wins_over_catalog():
    mappings = {normalise("Squat (Barbell)"): "front_squat"}
    assert classify("Squat (Barbell)", "Legs", mappings) == Classification(
        "front_squat", "lower", "mapping"
    )


def test_coach_mapping_is_keyed_by_the_normalised_logged_name():
    mappings = {normalise("Wombat Press Thing"): "hammer_curl"}
    assert classify("  wombat-press THING ", None, mappings).slug == "hammer_curl"
    assert classify("Wombat Press", None, mappings).source == "unknown"


def test_coach_mapping_to_a_region_counts_the_name_in_that_region():
    mappings = {normalise("Grandma's garden workout"): "full"}
    assert classify("Grandma's garden workout", None, mappings) == Classification(
        None, "full", "mapping"
    )


def test_a_mapping_to_a_slug_the_catalog_lacks_falls_back_to_the_catalog():
    mappings = {normalise("Squat (Barbell)"): "renamed_squat"}
    assert classify("Squat (Barbell)", None, mappings).source == "catalog"


@pytest.mark.parametrize(
    ("category", "region"),
    [
        ("Chest", "upper"),
        ("Back", "upper"),
        ("Shoulders", "upper"),
        ("Biceps", "upper"),
        ("Triceps", "upper"),
        ("Legs", "lower"),
        ("Quads", "lower"),
        ("Hamstrings", "lower"),
        ("Glutes", "lower"),
        ("Calves", "lower"),
        ("Abs", "core"),
        ("Core", "core"),
        ("Cardio", "cardio"),
        ("Stretching", "stretch"),
        ("Mobility", "stretch"),
        ("Full Body", "full"),
        ("Olympic", "full"),
        ("LEGS", "lower"),
        (" calves ", "lower"),
    ],
)
def test_fitnotes_category_is_the_fallback_region(category, region):
    assert region_for_category(category) == region
    assert classify("Zottman Curl Thing", category) == Classification(None, region, "category")


def test_the_catalog_beats_the_category():
    assert classify("Plank", "Legs") == Classification("plank", "core", "catalog")


def test_an_unknown_or_missing_category_gives_no_region():
    assert region_for_category("Stuff I Like") is None
    assert region_for_category("") is None
    assert region_for_category(None) is None
    assert classify("Zottman Curl Thing", "Stuff I Like").source == "unknown"


def test_unknown_name_without_category_stays_unknown():
    assert classify("Zottman Curl Thing") == Classification(None, None, "unknown")


@pytest.mark.parametrize("name", MADE_UP)
def test_a_made_up_name_never_maps_to_a_catalog_exercise(name):
    assert classify(name).slug is None


def test_sync_copies_the_catalog_once_per_version_of_the_file(db_path):
    with open_store(db_path) as store:
        assert catalog.sync(store) == len(catalog.exercises())
        assert catalog.sync(store) == 0
        assert store.scalar("store/meta_get", {"key": "catalog_sha256"})
