"""Bad input is refused with a message naming the file and the line, and changes nothing."""

import io
import threading
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coachkit import answers, ingest
from coachkit.auth import add_coach
from coachkit.clients import ClientError, add_client
from coachkit.importers.source import ImportRejected
from tests.conftest import TODAY

STRONG_HEADER = "Date,Workout Name,Exercise Name,Set Order,kg,Reps,km,Seconds,Notes"
GOOD_ROWS = [
    "2026-11-02 18:00:00,Legs,Squat (Barbell),W,40,10,,,",
    "2026-11-02 18:00:00,Legs,Squat (Barbell),1,80,8,,,",
    "2026-11-02 18:00:00,Legs,Squat (Barbell),Rest Timer,,,,90,",
    "2026-11-02 18:00:00,Legs,Leg Extension (Machine),1,35,12,,,",
]


@pytest.fixture
def who(store):
    coach = add_coach(store, "coach@gym.example", "Coach", "long enough password")
    client = add_client(store, coach.id, "Kim")
    return store, coach.id, client.id


def everything(store) -> dict:
    return {table: store.table_rows(table) for table in store.tables()}


def write(tmp_path: Path, content: bytes | str, name: str = "export.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def rejected(who, path: Path, **kw) -> str:
    """Commit the file, expect a refusal, check nothing changed; return the message."""
    store, coach_id, client_id = who
    before = everything(store)
    with pytest.raises(ImportRejected) as caught:
        ingest.commit(store, coach_id, client_id, path, today=TODAY, **kw)
    assert everything(store) == before
    message = str(caught.value)
    assert message.startswith(path.name), message
    return message


def strong(*rows: str) -> str:
    return "\r\n".join([STRONG_HEADER, *rows]) + "\r\n"


def test_an_empty_file_is_refused(who, tmp_path):
    assert "the file is empty" in rejected(who, write(tmp_path, b""))


def test_a_file_of_blank_lines_is_refused(who, tmp_path):
    assert "the file is empty" in rejected(who, write(tmp_path, "\n\n  \n"))


def test_a_header_without_rows_is_refused(who, tmp_path):
    assert "a header but no rows" in rejected(who, write(tmp_path, strong()))


def test_a_binary_file_is_refused(who, tmp_path):
    assert "binary file" in rejected(who, write(tmp_path, bytes(range(256)) * 10))


def test_a_zip_renamed_csv_is_refused_with_what_to_do(who, tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("strong.csv", strong(*GOOD_ROWS))
    message = rejected(who, write(tmp_path, buffer.getvalue(), "strong.csv"))
    assert "zip archive" in message and "CSV" in message


def test_a_file_with_one_column_is_refused_on_line_1(who, tmp_path):
    message = rejected(who, write(tmp_path, "Date|Exercise|Reps\n2026-01-01|Squat|5\n"))
    assert "line 1" in message and "commas, semicolons or tabs" in message


def test_rows_with_another_delimiter_than_the_header_are_refused_with_their_line(who, tmp_path):
    # The header is comma-separated, the third data row (line 4) uses semicolons.
    bad = "2026-11-02 18:00:00;Legs;Squat (Barbell);2;80;8;;;"
    message = rejected(who, write(tmp_path, strong(*GOOD_ROWS[:2], bad, GOOD_ROWS[3])))
    assert "line 4" in message and "does not fit the header" in message


def test_an_unknown_layout_asks_for_a_column_mapping(who, tmp_path):
    with pytest.raises(ingest.NeedsMapping) as caught:
        ingest.preview(*who, write(tmp_path, "When,Lift,Count\n2026-01-01,Squat,5\n"))
    assert caught.value.header == ("When", "Lift", "Count")
    assert "map its columns" in str(caught.value)


def test_a_file_over_the_size_cap_is_refused_before_reading(who, tmp_path, monkeypatch):
    monkeypatch.setenv("COACHKIT_MAX_IMPORT_MB", "0.001")  # 1,048 bytes
    big = strong(*GOOD_ROWS * 20)
    assert len(big) > 1048
    message = rejected(who, write(tmp_path, big))
    assert "import limit is" in message and "COACHKIT_MAX_IMPORT_MB" in message


BAD_ROWS = [
    # (the third data row, so line 4 of the file; what the refusal says about it)
    ("31/02/2026 18:00,Legs,Squat (Barbell),1,80,8,,,", "date: '31/02/2026 18:00' is not a date"),
    ("1900-01-01 10:00:00,Legs,Squat (Barbell),1,80,8,,,", "date: 1900-01-01 10:00:00 is outside"),
    ("2100-01-01 10:00:00,Legs,Squat (Barbell),1,80,8,,,", "date: 2100-01-01 10:00:00 is outside"),
    ("2026-11-02 18:00:00,Legs,Squat (Barbell),1,-5,8,,,", "weight: -5 is negative"),
    ("2026-11-02 18:00:00,Legs,Squat (Barbell),1,1e9,8,,,", "weight: 1e9 is more than 1,000 kg"),
    ("2026-11-02 18:00:00,Legs,Squat (Barbell),1,80,10000,,,", "reps: 10000 is more than 1,000"),
    ("2026-11-02 18:00:00,Legs,Squat (Barbell),1,80,8.5,,,", "reps: 8.5 is not a whole number"),
    ("2026-11-02 18:00:00,Legs,Squat (Barbell),1,eighty,8,,,", "weight: 'eighty' is not a number"),
    ("2026-11-02 18:00:00,Legs,Squat (Barbell),X,80,8,,,", "set type: 'x' is not a set type"),
    ("2026-11-02 18:00:00,Legs,,1,80,8,,,", "exercise: no exercise name"),
    ("2026-11-02 18:00:00,Legs,Plank,1,,,,-30,", "seconds: -30 is negative"),
    # Numbers no integer column can hold, and NaN, are refused like any absurd value.
    ("2026-11-02 18:00:00,Legs,Squat (Barbell),1,80,10000000000,,,", "reps: 10000000000 is more"),
    ("2026-11-02 18:00:00,Legs,Squat (Barbell),1,80,nan,,,", "reps: nan is more than 1,000"),
    ("2026-11-02 18:00:00,Legs,Squat (Barbell),1,inf,8,,,", "weight: inf is more than 1,000 kg"),
]


@pytest.mark.parametrize(("row", "line_text"), BAD_ROWS)
def test_a_bad_value_is_refused_naming_its_line_and_column(who, tmp_path, row, line_text):
    # The bad row is the third data row: line 4 of the file.
    message = rejected(who, write(tmp_path, strong(*GOOD_ROWS[:2], row, GOOD_ROWS[3])))
    assert f"line 4: {line_text}" in message


def test_the_preview_lists_every_row_error_and_the_total(who, tmp_path):
    rows = [f"2026-11-02 18:00:00,Legs,Squat (Barbell),{i},-{i},8,,," for i in range(1, 151)]
    result = ingest.preview(*who, write(tmp_path, strong(*rows)), today=TODAY)
    # 150 rows, each with a negative weight: all are errors, 100 are listed.
    assert result.error_total == 150
    assert len(result.errors) == 100
    assert [e.line for e in result.errors[:3]] == [2, 3, 4]
    assert result.problem() is not None


def test_a_file_without_unit_needs_one_before_it_imports(who, tmp_path):
    header = "Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    header += "Workout Notes,RPE"
    path = write(tmp_path, header + "\n2026-11-02 18:00:00,Legs,Squat (Barbell),1,80,8,,,,,\n")
    message = rejected(who, path)
    assert "kg or lb" in message


def test_a_rejected_file_does_not_block_a_good_one_later(who, tmp_path):
    store, coach_id, client_id = who
    rejected(who, write(tmp_path, strong(GOOD_ROWS[0], "garbage line"), "bad.csv"))
    result = ingest.commit(
        store, coach_id, client_id, write(tmp_path, strong(*GOOD_ROWS), "good.csv"), today=TODAY
    )
    # Four rows: a warm-up and two working sets are sets, the rest timer is skipped.
    assert (result.sets_added, result.preview.skipped) == (3, {"rest timer rows": 1})


SLOW = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SLOW
@given(content=st.binary(max_size=2000))
def test_random_bytes_only_ever_give_our_validation_error(who, tmp_path, content):
    store, coach_id, client_id = who
    before = everything(store)
    path = write(tmp_path, content, "random.csv")
    try:
        ingest.commit(store, coach_id, client_id, path, today=TODAY)
    except ImportRejected:
        assert everything(store) == before


MANGLERS = st.sampled_from(["drop", "dup", "quote", "comma", "semicolon", "nul", "cut"])


def mangle(text: str, edits: list[tuple[str, int]]) -> str:
    for kind, at in edits:
        at = at % (len(text) + 1)
        if kind == "drop":
            text = text[:at] + text[at + 1 :]
        elif kind == "dup":
            text = text[:at] + text[at : at + 40] + text[at:]
        elif kind == "quote":
            text = text[:at] + '"' + text[at:]
        elif kind == "comma":
            text = text[:at] + "," + text[at:]
        elif kind == "semicolon":
            text = text[:at] + ";" + text[at:]
        elif kind == "nul":
            text = text[:at] + "\x00" + text[at:]
        else:
            text = text[:at]
    return text


@SLOW
@given(edits=st.lists(st.tuples(MANGLERS, st.integers(0, 10_000)), min_size=1, max_size=6))
def test_mangled_exports_import_whole_or_are_refused_leaving_nothing(who, tmp_path, edits):
    store, coach_id, client_id = who
    before = everything(store)
    path = write(tmp_path, mangle(strong(*GOOD_ROWS * 3), edits), "mangled.csv")
    try:
        result = ingest.commit(store, coach_id, client_id, path, today=TODAY)
    except ImportRejected:
        assert everything(store) == before
        return
    if result.batch_id is not None:
        assert ingest.undo(store, coach_id, result.batch_id) == result.sets_added


def test_two_first_imports_of_one_file_at_once_store_each_set_once(who, tmp_path):
    store, coach_id, client_id = who
    path = write(tmp_path, strong(*GOOD_ROWS))
    start = threading.Barrier(2)
    results, errors = [], []

    def commit():
        try:
            start.wait()
            results.append(ingest.commit(store, coach_id, client_id, path, today=TODAY))
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the assertion
            errors.append(exc)

    threads = [threading.Thread(target=commit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # Three sets in the file (warm-up and working squat, leg extension): one import adds them,
    # the other, taking its turn under the write lock, finds all three there.
    assert errors == []
    assert sorted(r.sets_added for r in results) == [0, 3]
    assert len(store.table_rows("set_rows")) == 3


def test_another_coach_cannot_preview_import_undo_or_list_a_clients_imports(who, tmp_path):
    store, coach_id, client_id = who
    other = add_coach(store, "other@gym.example", "Other", "long enough password")
    path = write(tmp_path, strong(*GOOD_ROWS))
    result = ingest.commit(store, coach_id, client_id, path, today=TODAY)
    before = everything(store)
    for attempt in (
        lambda: ingest.preview(store, other.id, client_id, path, today=TODAY),
        lambda: ingest.commit(store, other.id, client_id, path, today=TODAY),
        lambda: ingest.history(store, other.id, client_id),
    ):
        with pytest.raises(ClientError, match="no such client"):
            attempt()
    with pytest.raises(ImportRejected, match="no such import"):
        ingest.undo(store, other.id, result.batch_id)
    assert answers.map_exercise(store, other.id, "Squat (Barbell)", region="upper") == 0
    after = everything(store)
    # The other coach's own answer is kept, with her data change (versions.py); nothing else.
    theirs = {"exercise_mappings", "data_changes"}
    assert {t: after[t] for t in after if t not in theirs} == {
        t: before[t] for t in before if t not in theirs
    }
    assert [row for row in after["data_changes"] if row[0] != other.id] == before["data_changes"]
