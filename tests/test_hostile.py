"""The hostile-input corpus (tests/hostile.py) through the importer, the CLI and the pages.

Every input is either refused whole, with a message naming the file and saying what is wrong,
leaving the database as it was, or imported with its text kept as plain data and the preview
flagging what the coach must look at. Nothing crashes. Text a person typed or a file carried
(client names, exercise names, notes, file names) is shown as text on every page and in the
report: Markdown escaped, never HTML. The browser test (tests/browser/test_hostile.py) checks
that no planted script runs in a real page.
"""

from __future__ import annotations

import html
import re
import unicodedata
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from coachkit import catalog, clients, demo, ingest, report, sharing, ui
from coachkit.auth import add_coach
from coachkit.cli import HIDDEN
from coachkit.database import open_database
from coachkit.importers.source import ImportRejected
from coachkit.store import Store, open_store
from tests import hostile, test_cli_import, test_ingest_rejects
from tests.conftest import TODAY
from tests.hostile import (
    AUTOLINK_CLIENT,
    AUTOLINKS,
    BIDI,
    CLIENT_MARKUP,
    CLIENT_NAMES,
    FORMULAS,
    MARKUP,
    MARKUP_FILE_NAME,
    SQL_NAMES,
    Case,
    Rejected,
)
from tests.test_cli_import import run
from tests.test_ingest_rejects import everything, rejected
from tests.test_pages import app, signed_in

# Fixtures of those modules, under their own names: a coach with a client (Kim), and the
# command line's database (coach@gym.example with the client Kim Lee).
who = test_ingest_rejects.who
db = test_cli_import.db

# What became of each case, per backend: "rejected", "accepted", "failed" (a wrong message, a
# refusal of a good file, wrong data) or "crashed" (any other exception).
OUTCOMES: dict[tuple[str, str], str] = {}
NAMES = hostile.case_names()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Case]:
    cases = hostile.write_corpus(tmp_path_factory.mktemp("hostile"))
    return {case.name: case for case in cases}


def table(store: Store, name: str) -> list[dict]:
    """Every row of one of CoachKit's tables, as dicts."""
    with store.cursor() as cur:
        return cur.rows("store/table_rows", table=name)


def check_case(case: Case, store: Store, coach_id: uuid.UUID, client_id: uuid.UUID) -> str:
    """Preview and commit one case for the client; assert what its expectation says."""
    who_ = (store, coach_id, client_id)
    expected = case.expectation
    if isinstance(expected, Rejected):
        before = everything(store)
        try:
            preview = ingest.preview(store, coach_id, client_id, case.path, today=TODAY)
        except ImportRejected as exc:
            refusal = exc
        else:
            refusal = preview.problem()
            assert refusal is not None, f"{case.name} was not refused: {preview}"
        assert everything(store) == before
        message = rejected(who_, case.path)  # commits, and checks that nothing changed
        assert message == str(refusal), "preview and import give different reasons"
        assert expected.fragment in message
        if expected.line is not None:
            assert message.startswith(f"{case.path.name}, line {expected.line}: "), message
        return "rejected"
    before = everything(store)
    preview = ingest.preview(store, coach_id, client_id, case.path, today=TODAY)
    assert preview.problem() is None
    assert preview.sets == expected.sets
    assert {u.name for u in preview.unknown} == expected.unknown
    assert expected.skipped.items() <= preview.skipped.items()
    assert everything(store) == before  # a preview writes nothing
    result = ingest.commit(store, coach_id, client_id, case.path, today=TODAY)
    assert result.sets_added == expected.sets
    rows = [r for r in table(store, "set_rows") if r["client_id"] == client_id]
    assert len(rows) == expected.sets
    for column, texts in expected.stored.items():
        kept = {r[column] for r in rows}
        assert texts <= kept, f"{column}: {texts - kept} not stored as written"
    (batch,) = [b for b in table(store, "import_batches") if b["client_id"] == client_id]
    assert batch["file_name"] == case.path.name
    # Only the sets, their import and the coach's data change (versions.py) were written:
    # every other table is as it was.
    after = everything(store)
    changed = {t for t in after if after[t] != before[t]}
    assert changed == {"set_rows", "import_batches", "data_changes"}
    return "accepted"


def tried(backend: str, case: Case, *who_: object) -> None:
    """Check the case, recording what became of it on this backend."""
    try:
        OUTCOMES[backend, case.name] = check_case(case, *who_)
    except (AssertionError, ImportRejected):
        OUTCOMES[backend, case.name] = "failed"
        raise
    except BaseException:
        OUTCOMES[backend, case.name] = "crashed"
        raise


@pytest.mark.parametrize("name", NAMES)
def test_a_hostile_input_is_refused_whole_or_imported_as_plain_text(who, backend, corpus, name):
    tried(backend, corpus[name], *who)


def test_the_corpus_summary(store, backend, corpus, capsys):
    """Every case was tried on this backend (any this run left out are tried here), and each
    was rejected or accepted as its expectation says: none failed and none crashed."""
    coach = add_coach(store, "summary@gym.example", "Summary", "long enough password")
    for name in NAMES:
        if (backend, name) not in OUTCOMES:
            client = clients.add_client(store, coach.id, f"Client {name}")
            tried(backend, corpus[name], store, coach.id, client.id)
    counts = Counter(OUTCOMES[backend, name] for name in NAMES)
    expected = Counter(corpus[name].expectation.outcome for name in NAMES)
    with capsys.disabled():
        print(
            f"\nhostile corpus: {len(NAMES)} inputs tried, {counts['rejected']} rejected, "
            f"{counts['accepted']} accepted, {counts['crashed']} crashes ({backend})"
        )
    assert counts["failed"] == 0 and counts["crashed"] == 0
    assert counts["rejected"] + counts["accepted"] == len(NAMES)
    assert counts == expected


# Client names


def test_markup_and_sql_client_names_are_stored_as_typed_and_break_nothing(who):
    store, coach_id, client_id = who
    before = everything(store)
    added = {name: clients.add_client(store, coach_id, name) for name in CLIENT_NAMES}
    for name, client in added.items():
        assert client.name == name
        assert clients.get_client(store, coach_id, client.id).name == name
        assert clients.client_by_name(store, coach_id, name).id == client.id
    roster = clients.roster(store, coach_id)
    assert set(roster["name"]) == {"Kim", *CLIENT_NAMES}
    # The tables all stand, and only the clients table gained rows, the new names, with the
    # coach's data changes (versions.py).
    after = everything(store)
    assert set(after) == set(before)
    assert {t for t in after if after[t] != before[t]} == {"clients", "data_changes"}
    assert set(before["clients"]) < set(after["clients"])
    assert len(after["clients"]) == len(before["clients"]) + len(CLIENT_NAMES)


# The command line


CLI_CASES = ["empty", "binary", "zip-renamed", "10000-columns", "5mb-single-line",
             "unclosed-quote", "weight-1e9", "date-1900"]  # fmt: skip


@pytest.mark.parametrize("name", CLI_CASES)
def test_the_cli_refuses_a_hostile_file_in_one_line_naming_it(capsys, db, corpus, name):
    case = corpus[name]
    assert isinstance(case.expectation, Rejected)
    with open_database(db) as store:  # as the command opens it: catalog and programs in
        before = everything(store)
    code, out, err = run(capsys, db, "import", "--coach", "coach@gym.example", "--client",
                         "Kim Lee", str(case.path))  # fmt: skip
    assert code == 1 and err == ""
    first, *_, last = out.splitlines()
    assert first.startswith(f"rejected {case.path.name}") and case.expectation.fragment in first
    assert last == "0 of 1 file(s) imported"
    with open_store(db) as store:
        assert everything(store) == before


def test_the_cli_prints_control_characters_in_names_as_escapes_never_obeys_them(capsys, db, corpus):
    case = corpus["control-characters"]
    code, out, err = run(capsys, db, "import", "--coach", "coach@gym.example", "--client",
                         "Kim Lee", str(case.path))  # fmt: skip
    # The file's first name (CONTROL[0]) clears the screen and retitles the terminal, raw.
    assert code == 0 and err == ""
    assert "\\x1b[2J\\x1b]0;pwned\\x07Squat" in out
    assert "\x1b" not in out and "\x07" not in out


def test_the_cli_prints_bidi_controls_in_names_as_escapes(capsys, db, corpus):
    case = corpus["bidi-controls"]
    code, out, err = run(capsys, db, "import", "--coach", "coach@gym.example", "--client",
                         "Kim Lee", str(case.path))  # fmt: skip
    # The names to map: "\u202eevil.exe" would print as "exe.live".
    assert code == 0 and err == ""
    assert "\\u202eevil.exe" in out and "Calf \\u2067Raise\\u2069 \\u202aLTR" in out
    assert not HIDDEN.search(out.replace("\n", ""))


def test_the_cli_echoes_a_client_name_with_a_bidi_override_as_escapes(capsys, db):
    # "\u202eevil.exe" would print as "exe.live": the override reverses what follows it.
    code, out, _ = run(capsys, db, "add-client", "--coach", "coach@gym.example", BIDI[0])
    assert code == 0
    assert "\\u202e" in out and "\u202e" not in out


def test_every_character_a_terminal_obeys_or_hides_is_escaped_and_no_other():
    # Control characters but tab and newline, every format character (Cf) and the line and
    # paragraph separators, checked against this Python's Unicode database; code points it
    # does not assign yet (Cn) may go either way, as newer Unicode made some of them Cf.
    hidden = {"Cc", "Cf", "Zl", "Zp"}
    missed, needless = [], []
    for code in range(0x110000):
        char = chr(code)
        category, escaped = unicodedata.category(char), bool(HIDDEN.fullmatch(char))
        if category in hidden and char not in "\t\n" and not escaped:
            missed.append(hex(code))
        elif escaped and category not in hidden | {"Cn"}:
            needless.append(hex(code))
    assert (missed, needless) == ([], [])


# The report file


def test_the_report_file_shows_a_markup_client_name_as_text(store):
    coach = add_coach(store, "coach@gym.example", "Coach", "long enough password")
    for name in CLIENT_MARKUP:
        client = clients.add_client(store, coach.id, name)
        token = sharing.create_link(store, coach.id, client.id).token
        shared = sharing.resolve(store, token, count_view=False)
        page = report.to_html(report.build(store, shared, today=TODAY))
        assert name not in page
        assert html.escape(name) in page
        # The charts are inline SVG; no other element that could run or fetch anything.
        assert not re.search(r"<\s*(script|img|iframe|object|embed)\b", page, re.I)


# The pages, through AppTest


@dataclass(frozen=True)
class Site:
    """The demo with the hostile clients. The first logged squats every day of the last four
    weeks, under markup workout names and notes, and imported a file named as markup that holds
    markup exercise names; it has a report link."""

    url: str
    ids: dict[str, uuid.UUID]  # each hostile client's id by name
    token: str  # a report link to the markup client


MARKED = CLIENT_MARKUP[0]  # the client with the markup imports


@pytest.fixture(scope="module")
def hostile_site(module_db, tmp_path_factory) -> Site:
    folder = tmp_path_factory.mktemp("hostile-site")
    with open_store(module_db) as store:
        catalog.sync(store)
        coach_id = demo.rebuild(store, TODAY)
        # On the roster for a month before TODAY: not new, so one with nothing logged is
        # flagged inactive (and linked by name) rather than welcomed as new.
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(clients, "utc_now", lambda: datetime.combine(TODAY, datetime.min.time())
                          - timedelta(days=30))  # fmt: skip
            ids = {name: clients.add_client(store, coach_id, name).id for name in CLIENT_NAMES}
        sessions, names = folder / "sessions.csv", folder / "names.csv"
        sessions.write_text(hostile.markup_sessions(TODAY), encoding="utf-8")
        names.write_text(hostile.markup_hevy(), encoding="utf-8")
        ingest.commit(store, coach_id, ids[MARKED], sessions, today=TODAY)
        ingest.commit(store, coach_id, ids[MARKED], names, name=MARKUP_FILE_NAME, today=TODAY)
        token = sharing.create_link(store, coach_id, ids[MARKED]).token
    return Site(module_db, ids, token)


@pytest.fixture
def site(hostile_site, monkeypatch) -> Site:
    monkeypatch.setenv("COACHKIT_DB", hostile_site.url)
    return hostile_site


# Proto fields that Streamlit renders as Markdown: bodies of text elements and alerts, labels
# of widgets, links and expanders, help tooltips, progress texts.
MARKDOWN_FIELDS = {"body", "label", "help", "text"}
# Escapes a Markdown renderer resolves: a backslash before punctuation, and entities.
_RENDERED = re.compile(r"\\([!-/:-@\[-`{-~])|(&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z0-9]+);)")


# What Streamlit's frontend then does to the text: shortcodes become an emoji, an icon or its
# logo (shown here as one character), and free-standing signs become arrows and dashes.
_SHORTCODE = re.compile(r":(?!\d+:)[\w+/-]+:")
_SIGNS = {"<->": "↔", "->": "→", "<-": "←", "--": "—", ">=": "≥", "<=": "≤", "~=": "≈"}


def rendered(markdown: str) -> str:
    """The text a reader sees for `markdown` that holds no formatting, as ui.plain() makes it:
    escapes resolved, Streamlit's rewriting done, and the invisible word joiners dropped."""
    text = _RENDERED.sub(lambda m: m[1] if m[1] is not None else html.unescape(m[2]), markdown)
    text = _SHORTCODE.sub("\N{BLACK STAR}", text)
    for sign, shown in _SIGNS.items():
        text = re.sub(rf"(^|\s){re.escape(sign)}(?=\s|$)", rf"\g<1>{shown}", text)
    return text.replace(ui.WORD_JOINER, "")


@dataclass
class Page:
    markdown: list[str]  # strings Streamlit renders as Markdown
    plain: list[str]  # other strings shown as they are: select box options, values
    raw_html: list[str]  # strings rendered as HTML (st.html, unsafe_allow_html)
    charts: list[str]  # Vega-Lite specs, and the texts in the charts' data


def _strings(message, out: list[tuple[str, str]]) -> None:
    for descriptor, value in message.ListFields():
        values = (
            value if hasattr(value, "__len__") and not isinstance(value, str | bytes) else [value]
        )
        for item in values:
            if hasattr(item, "ListFields"):
                _strings(item, out)
            elif isinstance(item, str):
                out.append((descriptor.name, item))


def _nodes(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def page(at: AppTest) -> Page:
    """Every string of the page, by how it is shown."""
    shown = Page([], [], [], [])
    for root in (at.main, at.sidebar):
        for node in _nodes(root):
            proto = getattr(node, "proto", None)
            if proto is None:
                continue
            strings: list[tuple[str, str]] = []
            _strings(proto, strings)
            if node.type == "html" or getattr(proto, "allow_html", False):
                shown.raw_html += [text for _, text in strings]
            elif node.type == "vega_lite_chart":  # its data is shown by Vega, as text
                shown.charts += [text for _, text in strings]
                for dataset in proto.datasets:
                    data = pa.ipc.open_stream(dataset.data.data).read_all().to_pylist()
                    shown.charts += [v for row in data for v in row.values() if isinstance(v, str)]
            else:
                for field, text in strings:
                    (shown.markdown if field in MARKDOWN_FIELDS else shown.plain).append(text)
    return shown


HOSTILE_TEXT = (*MARKUP, *FORMULAS, *SQL_NAMES, *CLIENT_NAMES, MARKUP_FILE_NAME)


# What GitHub-flavoured Markdown links with no markup (its autolink literals), read after the
# backslash escapes are resolved: "www." at the start of a word, a scheme and "://", an e-mail
# address (with or without "mailto:"). An invisible word joiner in any of them (ui.plain)
# leaves no address to link.
AUTOLINK = re.compile(r"(?i)(?<![\w.-])www\.|\b(?:https?|ftp)://|[\w.+-]@[\w-]+\.")


def linkable(markdown: str) -> list[str]:
    """The addresses in `markdown` that Streamlit would draw as live links."""
    unescaped = _RENDERED.sub(lambda m: m[1] if m[1] is not None else m[2], markdown)
    return AUTOLINK.findall(unescaped)


def assert_text_only(at: AppTest) -> Page:
    """No hostile text reaches the page as HTML or as Markdown it would change, and no text
    on it is an address Markdown would make a link of."""
    assert not at.exception
    shown = page(at)
    for text in HOSTILE_TEXT:
        assert not any(text in s or text in rendered(s) for s in shown.raw_html), text
        if ui.plain(text) != text:  # it holds characters that Markdown would read
            assert not any(text in s for s in shown.markdown), f"{text!r} is not escaped"
    assert [s for s in shown.markdown if linkable(s)] == []
    return shown


@pytest.mark.parametrize("text", AUTOLINKS)
def test_plain_leaves_no_address_markdown_would_link_and_shows_the_text_as_typed(text):
    assert linkable(text)  # the check sees the address in the raw text
    assert linkable(ui.plain(text)) == []
    assert rendered(ui.plain(text)) == text


def test_a_client_named_as_a_url_is_added_without_a_link(demo_db):
    at = signed_in()
    at.text_input(key="new_client_name").input(AUTOLINK_CLIENT)
    at.button(key="add_client_submit").click().run()
    shown = assert_text_only(at)
    assert seen(shown, f"{AUTOLINK_CLIENT} added.")


def seen(shown: Page, text: str) -> bool:
    """Whether `text` is on the page exactly as typed."""
    return any(text in rendered(s) for s in shown.markdown) or any(text in s for s in shown.plain)


def test_the_clients_page_shows_hostile_client_names_as_text(site):
    at = signed_in()
    shown = assert_text_only(at)
    assert set(CLIENT_NAMES) <= set(at.dataframe[0].value["name"])
    for name in CLIENT_NAMES:
        assert seen(shown, name), name
    # Each needs attention (legs every day, or nothing logged) and is linked by name.
    labels = {rendered(link.proto.label) for link in at.get("page_link")}
    assert set(CLIENT_NAMES) <= labels
    assert MARKED in shown.charts  # a point of the roster chart, named in its tooltip


def test_the_client_page_shows_the_name_and_the_import_as_text(site):
    at = signed_in("pages/client.py", client=site.ids[MARKED])
    shown = assert_text_only(at)
    assert at.selectbox(key="client_pick").format_func(site.ids[MARKED]) == MARKED
    assert f"Imports for {MARKED}" in [rendered(s.value) for s in at.subheader]
    history = at.dataframe[0].value
    assert list(history["file_name"]) == [MARKUP_FILE_NAME, "sessions.csv"]  # newest first
    # The charts name exercises as the catalog does: a name as logged never reaches them.
    assert len(at.get("vega_lite_chart")) == 8
    squat = catalog.exercise(catalog.classify(hostile.SQUAT, None, {}).slug).name
    assert squat in shown.charts
    for text in MARKUP:
        assert not any(text in spec for spec in shown.charts)


def test_the_upload_preview_lists_hostile_names_as_text_and_imports_them(site, corpus):
    case = corpus["markup-template"]
    at = signed_in("pages/upload.py")
    at.selectbox(key="upload_client").set_value(site.ids[CLIENT_MARKUP[1]]).run()
    at.file_uploader(key="upload_files").upload(
        MARKUP_FILE_NAME, case.path.read_bytes(), "text/csv"
    )
    at.run()
    shown = assert_text_only(at)
    assert MARKUP_FILE_NAME in [rendered(s.value) for s in at.subheader]
    # Each name the catalog does not know is offered for mapping, labelled as logged.
    labels = {rendered(box.label) for box in at.selectbox if box.key.startswith("map:")}
    assert labels == {f"{name} (1 sets)" for name in case.expectation.unknown}
    button = next(b for b in at.button if b.label.startswith("Import"))
    assert button.label == f"Import {case.expectation.sets} new sets"
    button.click().run()
    shown = assert_text_only(at)
    done = f"{MARKUP_FILE_NAME}: imported {case.expectation.sets} sets for {CLIENT_MARKUP[1]};"
    assert any(done in rendered(s) for s in shown.markdown)


def test_the_shared_report_shows_the_name_as_text(site):
    at = app()
    at.query_params["token"] = site.token
    at.run()
    assert_text_only(at)
    assert [rendered(t.value) for t in at.title] == [f"{MARKED}: leg training"]
