"""Tenant isolation: a coach can never see, import into, report on or share another coach's
clients, through any coachkit function, any CLI command or any page.

The owner has three clients (one archived); Maya Lopez has an import, a running program, her own
thresholds and a report link, and the owner has a program of her own. The rival has one client
and one link. Every case acts as the rival on something of the owner's and expects the answer an
unknown id gets (the module's own error, or nothing at all) and a database that has not changed.
The tables are checked against the code: a new function that takes a client or an owned id, a
new CLI command with --client, or a new page fails here until it has a case.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import pkgutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import coachkit
from coachkit import (
    auth,
    bulk,
    catalog,
    cli,
    clients,
    demo,
    inbox,
    ingest,
    metrics,
    programs,
    sharing,
    ui,
)
from coachkit import report as client_report
from coachkit.clients import ClientError
from coachkit.importers.source import ImportRejected
from coachkit.programs import GYM_LEGS, ProgramError
from coachkit.sharing import ShareError
from coachkit.store import Store, open_store
from coachkit.ui import picker
from tests import fixtures
from tests.conftest import TODAY
from tests.test_ingest_rejects import GOOD_ROWS, everything, strong
from tests.test_pages import app
from tests.test_programs import MONDAY

ROOT = Path(__file__).parents[1]
OWNER_EMAIL = "owner@isolation.example"
OWNER_NAME = "Olive Owner"
OWNER_CLIENT = "Maya Lopez"
OWNER_CLIENTS = (OWNER_CLIENT, "Jordan Reed", "Sam Patel")  # the last one archived
OWNER_PROGRAM = "Owner Quads Special"
OWNER_FILE = "Owner Export"  # the name the owner's import was made under
RIVAL_EMAIL = "rival@isolation.example"
RIVAL_PASSWORD = "long enough password"
RIVAL_CLIENT = "Rex Rival"
RIVAL_FILE = "rival-export.csv"

# A parameter with one of these names hands a function something that belongs to one coach.
CLIENT_PARAMETERS = {"client_id", "client"}
OWNED_ID_PARAMETERS = {"batch_id", "link_id", "assignment_id", "program_id"}
# Modules the enumeration cannot import, and why; each is checked to exist, so none goes stale.
NOT_IMPORTED = {"coachkit.__main__": "runs the CLI when imported; its commands are in cli.py"}


@dataclass(frozen=True)
class World:
    """What the template database holds, by id: the same in every test's copy of it."""

    owner: auth.Coach
    rival: auth.Coach
    client: clients.Client  # the owner's
    rivals_client: clients.Client
    batch_id: uuid.UUID  # the owner's import for the client
    link_id: uuid.UUID  # the owner's report link to the client
    token: str
    rivals_link_id: uuid.UUID
    assignment_id: uuid.UUID  # the client's running assignment
    program: programs.Program  # the owner's own
    export: Path  # a valid Strong export
    # Text of the owner's that nothing shown to the rival may hold. Plain words: a page escapes
    # Markdown with backslashes, and `rendered` drops those before looking.
    secrets: tuple[str, ...] = (*OWNER_CLIENTS, OWNER_EMAIL, OWNER_NAME, OWNER_PROGRAM, OWNER_FILE)


@pytest.fixture(scope="module")
def template(tmp_path_factory, module_db) -> tuple[str, World]:
    """The owner's and the rival's data, built once through coachkit itself: each test gets a
    copy of the database (see `db`), which costs far less than building it again."""
    folder = tmp_path_factory.mktemp("isolation")
    export = folder / RIVAL_FILE
    export.write_text(strong(*GOOD_ROWS), encoding="utf-8")
    with open_store(module_db) as store:
        catalog.sync(store)
        programs.install_builtins(store)
        owner = auth.add_coach(store, OWNER_EMAIL, OWNER_NAME, "long enough password")
        client, *others = (clients.add_client(store, owner.id, name) for name in OWNER_CLIENTS)
        clients.set_archived(store, owner.id, others[-1].id, True)
        batch = ingest.commit(store, owner.id, client.id, export, OWNER_FILE, today=TODAY)
        assignment = programs.assign(store, owner.id, client.id, GYM_LEGS, MONDAY - timedelta(28))
        program = programs.copy_program(store, owner.id, GYM_LEGS.id, name=OWNER_PROGRAM)
        metrics.set_thresholds(store, owner.id, client.id, min_rest_days=2)
        link = sharing.create_link(store, owner.id, client.id)
        rival = auth.add_coach(store, RIVAL_EMAIL, "Rival", RIVAL_PASSWORD)
        rivals_client = clients.add_client(store, rival.id, RIVAL_CLIENT)
        rivals_link = sharing.create_link(store, rival.id, rivals_client.id)
    world = World(
        owner, rival, client, rivals_client, batch.batch_id, link.id, link.token,
        rivals_link.id, assignment, program, export,
    )  # fmt: skip
    return module_db, world


@pytest.fixture
def world(template) -> World:
    return template[1]


@pytest.fixture
def db(template, databases, monkeypatch) -> Iterator[str]:
    """A fresh copy of the template, which the app under test opens too (COACHKIT_DB)."""
    copied = databases.copy(template[0])
    monkeypatch.setenv("COACHKIT_DB", copied)
    yield copied
    databases.drop(copied)


@pytest.fixture
def copy(db) -> Store:
    with open_store(db) as opened:
        yield opened


# Functions: each case calls one coachkit function as the rival on something of the owner's.


@dataclass(frozen=True)
class Case:
    entry: str  # module.function below coachkit, as the enumeration names it
    attempt: Callable[[Store, World], object]
    error: type[Exception] | None = None  # the refusal, or None for a call that answers
    message: str = ""  # the refusal's whole message: the one an unknown id gets
    returns: Callable[[World], object] | None = None  # what an answering call must give


def refused(entry, attempt, error, message, what="the owner's client"):
    return pytest.param(Case(entry, attempt, error, message), id=f"{entry}[{what}]")


def answered(entry, attempt, returns, what="the owner's client"):
    return pytest.param(Case(entry, attempt, returns=returns), id=f"{entry}[{what}]")


def store_frame_as_rival(store: Store, w: World) -> object:
    """ingest.store_frame as demo.build calls it: a log's set rows, stored as one import."""
    log = fixtures.kg_log()
    batch = {"file_name": "rival.csv", "sha256": "", "layout": "strong", "unit": "kg",
             "rows_read": len(log), "rows_skipped": 0, "sets": len(log)}  # fmt: skip
    return ingest.store_frame(store, w.rival.id, w.client.id, demo.staged_sets(log), batch)


CASES = [
    refused("clients.get_client", lambda s, w: clients.get_client(s, w.rival.id, w.client.id),
            ClientError, "no such client"),
    refused("clients.set_archived",
            lambda s, w: clients.set_archived(s, w.rival.id, w.client.id, True),
            ClientError, "no such client"),
    refused("clients.client_by_name",
            lambda s, w: clients.client_by_name(s, w.rival.id, OWNER_CLIENT),
            ClientError, f"no client called {OWNER_CLIENT}", "the owner's client's name"),
    refused("clients.set_note",
            lambda s, w: clients.set_note(s, w.rival.id, w.client.id, "mine now"),
            ClientError, "no such client"),
    refused("metrics.calendar", lambda s, w: metrics.calendar(s, w.rival.id, w.client.id, TODAY),
            ClientError, "no such client"),
    refused("ingest.preview",
            lambda s, w: ingest.preview(s, w.rival.id, w.client.id, w.export, today=TODAY),
            ClientError, "no such client"),
    refused("ingest.commit",
            lambda s, w: ingest.commit(s, w.rival.id, w.client.id, w.export, today=TODAY),
            ClientError, "no such client"),
    refused("ingest.history", lambda s, w: ingest.history(s, w.rival.id, w.client.id),
            ClientError, "no such client"),
    refused("ingest.store_frame", store_frame_as_rival, ClientError, "no such client"),
    refused("ingest.undo", lambda s, w: ingest.undo(s, w.rival.id, w.batch_id),
            ImportRejected, "import: no such import", "the owner's import"),
    refused("metrics.thresholds", lambda s, w: metrics.thresholds(s, w.rival.id, w.client.id),
            ClientError, "no such client"),
    refused("metrics.set_thresholds",
            lambda s, w: metrics.set_thresholds(s, w.rival.id, w.client.id, min_rest_days=4),
            ClientError, "no such client"),
    refused("metrics.client_report",
            lambda s, w: metrics.client_report(s, w.rival.id, w.client.id, today=TODAY),
            ClientError, "no such client"),
    refused("metrics.dashboard",
            lambda s, w: metrics.dashboard(s, w.rival.id, w.client.id, today=TODAY),
            ClientError, "no such client"),
    refused("report.build",
            lambda s, w: client_report.build(
                s, sharing.Shared(w.client.id, w.rival.id, OWNER_CLIENT, datetime.max), TODAY),
            ClientError, "no such client", "the owner's client, the rival's coach id"),
    refused("programs.assign_program",
            lambda s, w: programs.assign_program(s, w.rival.id, w.client.id, GYM_LEGS.id, MONDAY),
            ProgramError, "no such client"),
    refused("programs.assign_program",
            lambda s, w: programs.assign_program(
                s, w.rival.id, w.rivals_client.id, w.program.id, MONDAY),
            ProgramError, "no such program", "the owner's program"),
    refused("programs.assign",
            lambda s, w: programs.assign(s, w.rival.id, w.client.id, GYM_LEGS, MONDAY),
            ProgramError, "no such client"),
    refused("programs.assign",
            lambda s, w: programs.assign(s, w.rival.id, w.rivals_client.id, w.program, MONDAY),
            ProgramError, "no such program", "the owner's program"),
    refused("programs.assignments_of",
            lambda s, w: programs.assignments_of(s, w.rival.id, w.client.id),
            ProgramError, "no such client"),
    refused("programs.end_assignment",
            lambda s, w: programs.end_assignment(s, w.rival.id, w.assignment_id, TODAY),
            ProgramError, "no such assignment", "the owner's assignment"),
    refused("programs.get_program", lambda s, w: programs.get_program(s, w.rival.id, w.program.id),
            ProgramError, "no such program", "the owner's program"),
    refused("programs.copy_program",
            lambda s, w: programs.copy_program(s, w.rival.id, w.program.id),
            ProgramError, "no such program", "the owner's program"),
    refused("programs.save_program",
            lambda s, w: programs.save_program(s, w.rival.id, replace(w.program, name="Taken")),
            ProgramError, "no such program", "the owner's program"),
    refused("sharing.create_link",
            lambda s, w: sharing.create_link(s, w.rival.id, w.client.id),
            ClientError, "no such client"),
    answered("sharing.links", lambda s, w: sharing.links(s, w.rival.id, w.client.id),
             lambda w: []),
    answered("sharing.links", lambda s, w: [link.id for link in sharing.links(s, w.rival.id)],
             lambda w: [w.rivals_link_id], "every client"),
    refused("sharing.revoke", lambda s, w: sharing.revoke(s, w.rival.id, w.link_id),
            ShareError, "no such link", "the owner's link"),
    refused("sharing.set_uploads",
            lambda s, w: sharing.set_uploads(s, w.rival.id, w.link_id, False),
            ShareError, "no such link", "the owner's link"),
    refused("inbox.arrivals", lambda s, w: inbox.arrivals(s, w.rival.id, w.client.id),
            ClientError, "no such client"),
    refused("inbox.mark_seen", lambda s, w: inbox.mark_seen(s, w.rival.id, w.client.id),
            ClientError, "no such client"),
    refused("inbox.unknown_names", lambda s, w: inbox.unknown_names(s, w.rival.id, w.client.id),
            ClientError, "no such client"),
    answered("inbox.new_logs", lambda s, w: inbox.new_logs(s, w.rival.id), lambda w: {},
             "every client"),
    refused("bulk.save_name",
            lambda s, w: bulk.save_name(s, w.rival.id, w.client.id, "maya"),
            ClientError, "no such client"),
    refused("bulk.import_file",
            lambda s, w: bulk.import_file(
                s, w.rival.id, w.client, bulk.DroppedFile("x.csv", w.export.read_bytes())),
            ClientError, "no such client"),
]  # fmt: skip


def unknown(w: World) -> World:
    """The same world with every id of the owner's replaced by one that names nothing."""
    return replace(
        w,
        client=replace(w.client, id=uuid.uuid4()),
        batch_id=uuid.uuid4(),
        link_id=uuid.uuid4(),
        assignment_id=uuid.uuid4(),
        program=replace(w.program, id=uuid.uuid4()),
    )


@pytest.mark.parametrize("case", CASES)
def test_the_rival_gets_what_an_unknown_id_gets_and_changes_nothing(copy, world, case):
    before = everything(copy)
    if case.error is None:
        assert case.attempt(copy, world) == case.returns(world)
        assert case.attempt(copy, unknown(world)) == case.returns(world)
    else:
        with pytest.raises(case.error) as theirs:
            case.attempt(copy, world)
        with pytest.raises(case.error) as absent:
            case.attempt(copy, unknown(world))
        # One answer for both, so that a rival cannot probe which ids exist.
        assert str(theirs.value) == str(absent.value) == case.message
    assert everything(copy) == before


# The Streamlit glue: each function that takes a Client runs in a script of its own, as the rival
# holding the owner's Client (name and all); the app redacts exceptions, so the script shows them.


def glue_script(entry, coach, client, *more):
    # Run as a script of its own: it imports what it needs, and its annotations would be read.
    import importlib

    import streamlit as st

    screen, function = entry.rsplit(".", 1)
    glue = getattr(importlib.import_module(f"coachkit.{screen}"), function)
    try:
        if function == "import_panel":
            for upload in st.file_uploader("Exports", accept_multiple_files=True, key="files"):
                glue(coach, client, upload)
        elif screen == "ui.cached":  # the cache takes ids: the coach's, and the client's
            glue(coach.id, client.id, *more)
        else:
            glue(coach, client, *more)
    except Exception as exc:
        st.error(f"refused: {type(exc).__name__}: {exc}")


def upload_export(at: AppTest, w: World) -> None:
    at.file_uploader(key="files").upload(RIVAL_FILE, w.export.read_bytes(), "text/csv")


def create_link(at: AppTest, w: World) -> None:
    at.button(key="share_create_submit").click()


GLUE_CASES = [
    pytest.param("ui.upload.import_history", None, "refused: ClientError: no such client",
                 id="ui.upload.import_history"),
    pytest.param("ui.client.current_program", None, "refused: ProgramError: no such client",
                 id="ui.client.current_program"),
    pytest.param("ui.upload.import_panel", upload_export, "refused: ClientError: no such client",
                 id="ui.upload.import_panel[upload]"),
    pytest.param("ui.share.share_link_form", create_link, "refused: ClientError: no such client",
                 id="ui.share.share_link_form[create]"),
    pytest.param("ui.share.share_links_table", None, "No link for this client yet.",
                 id="ui.share.share_links_table"),
    pytest.param("ui.client.client_page", None, "refused: ClientError: no such client",
                 id="ui.client.client_page"),
    pytest.param("ui.cached.client_page", None, "refused: ClientError: no such client",
                 id="ui.cached.client_page"),
    pytest.param("ui.programs.assign_form", None, "refused: ProgramError: no such client",
                 id="ui.programs.assign_form"),
    pytest.param("ui.client.client_note", None, "refused: ClientError: no such client",
                 id="ui.client.client_note"),
    pytest.param("ui.client.sent_by_client", None, "refused: ClientError: no such client",
                 id="ui.client.sent_by_client"),
]  # fmt: skip
# What a glue function takes after the coach and the client.
GLUE_MORE = {
    "ui.client.client_page": (None, None),
    "ui.cached.client_page": (None, None, TODAY),
    "ui.programs.assign_form": ([],),
}


def rendered(at: AppTest) -> str:
    """Everything the run sent to the browser, as text: each element's whole message, so that
    titles, labels, select-box options, tables and the data inside charts are all in it. With
    the backslashes dropped, of Markdown escapes and of the message's own quoting alike."""
    nodes = [*at.main, *at.sidebar]
    text = "\n".join(str(node.proto) for node in nodes if getattr(node, "proto", None))
    return text.replace("\\", "")


def shows_nothing_of_the_owners(at: AppTest, w: World) -> None:
    shown = rendered(at)
    assert [secret for secret in w.secrets if secret in shown] == []
    assert str(w.client.id) not in shown  # no widget was drawn for the client (keys hold ids)


@pytest.mark.parametrize(("entry", "act", "expected"), GLUE_CASES)
def test_the_glue_refuses_the_rival_the_owners_client(db, world, entry, act, expected):
    store = ui.store()
    before = everything(store)
    at = AppTest.from_function(
        glue_script,
        args=(entry, world.rival, world.client, *GLUE_MORE.get(entry, ())),
        default_timeout=60,
    )
    at.session_state[ui.SESSION_TODAY] = TODAY
    at.run()
    if act is not None:
        act(at, world)
        at.run()
    assert not at.exception
    assert expected in [e.value for e in (*at.error, *at.caption)]
    shows_nothing_of_the_owners(at, world)
    assert everything(store) == before


# The command line.

CLI_CASES = [
    pytest.param("import", ["--dry-run", "{export}"], id="import --dry-run"),
    pytest.param("import", ["{export}"], id="import"),
    pytest.param("report", [], id="report"),
    pytest.param("report", ["--json"], id="report --json"),
    pytest.param("calendar", [], id="calendar"),
    pytest.param("calendar", ["--json"], id="calendar --json"),
    pytest.param("assign", ["--program", "Gym legs", "--start", "2026-11-16"], id="assign"),
    pytest.param("share", [], id="share"),
    pytest.param("share", ["--no-uploads"], id="share --no-uploads"),
]


def snapshot(path: str) -> dict:
    with open_store(path) as store:
        return everything(store)


@pytest.mark.parametrize(("command", "extra"), CLI_CASES)
def test_a_command_for_the_owners_client_fails_in_one_line(capsys, db, world, command, extra):
    before = snapshot(db)
    argv = ["--db", db, command, "--coach", RIVAL_EMAIL, "--client", OWNER_CLIENT]
    code = cli.main(argv + [arg.format(export=world.export) for arg in extra])
    out, err = capsys.readouterr()
    assert (code, out, err) == (1, "", f"coachkit {command}: no client called {OWNER_CLIENT}\n")
    assert snapshot(db) == before


def commands_taking_a_client() -> set[str]:
    [subcommands] = [a for a in cli.parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return {
        name
        for name, sub in subcommands.choices.items()
        if "--client" in sub._option_string_actions
    }


def test_every_command_that_takes_a_client_has_a_case():
    covered = {param.values[0] for param in CLI_CASES}
    assert commands_taking_a_client() == covered


# Pages: signed in as the rival, with the owner's client in the address.


@dataclass(frozen=True)
class Page:
    path: str
    takes_client: bool  # follows ?client= (ui.client_from_url)
    also_covers: tuple[str, ...] = ()  # glue functions whose isolation is this page's


PAGES = [
    pytest.param(Page("pages/clients.py", False), id="clients"),
    pytest.param(Page("pages/client.py", True, ("ui.clients.client_link",)), id="client"),
    pytest.param(Page("pages/upload.py", False), id="upload"),
    pytest.param(Page("pages/programs.py", True), id="programs"),
    pytest.param(Page("pages/share.py", False), id="share"),
]
REPORT_PAGE = "pages/report.py"  # reached with ?token=, signed in or not


def signed_in_as_rival() -> AppTest:
    at = app().run()
    at.text_input(key="sign_in_email").input(RIVAL_EMAIL)
    at.text_input(key="sign_in_password").input(RIVAL_PASSWORD)
    at.button(key="sign_in_submit").click().run()
    assert at.title[0].value == "Clients"  # signed in
    return at


@pytest.mark.parametrize("page", PAGES)
def test_no_page_shows_the_rival_anything_of_the_owners_client(db, world, page):
    store = ui.store()
    at = signed_in_as_rival()
    before = everything(store)  # after signing in, which records the rival's session
    at.query_params["client"] = str(world.client.id)
    at.switch_page(page.path).run()
    assert not at.exception
    shows_nothing_of_the_owners(at, world)
    if page.takes_client:
        assert picker.NO_SUCH_CLIENT in [e.value for e in at.error]
        assert not at.get("vega_lite_chart")
    else:
        # The page drew the rival's own roster or picker, so the absence above means something.
        assert RIVAL_CLIENT in rendered(at)
    assert everything(store) == before


@pytest.mark.parametrize("viewer", ["signed out", "the rival"])
def test_a_report_link_shows_its_one_client_and_no_way_into_the_app(db, world, viewer):
    at = app()
    if viewer == "the rival":
        # Signed in (what the sign-in form stores), opening the link afresh: a link points at
        # the app's root, not at the page the coach was on.
        at.session_state[ui.SESSION_COACH] = world.rival
    at.query_params["token"] = world.token
    at.run()
    assert not at.exception
    assert at.title[0].value == f"{OWNER_CLIENT}: leg training"
    shown = rendered(at)
    assert OWNER_CLIENT in shown
    others = [s for s in world.secrets if s != OWNER_CLIENT and s in shown]
    assert others == [] and RIVAL_CLIENT not in shown
    assert not at.sidebar.children and not at.get("page_link")


def test_the_page_table_names_every_page_and_what_each_reads_from_the_address():
    pages = {f"pages/{path.name}" for path in (ROOT / "pages").glob("*.py")}
    assert pages == {param.values[0].path for param in PAGES} | {REPORT_PAGE}
    for param in PAGES:
        page = param.values[0]
        source = (ROOT / page.path).read_text(encoding="utf-8")
        assert ("client_from_url" in source) == page.takes_client, page.path


# The tables above cannot go stale: every function that takes a client or an owned id has a case.


def entry_points() -> set[str]:
    """module.function (below coachkit) for every public function of every coachkit module that
    takes a client (its id or a Client), or reaches the store with the id of an owned object."""
    names = sorted(m.name for m in pkgutil.walk_packages(coachkit.__path__, "coachkit."))
    assert set(NOT_IMPORTED) <= set(names)
    found = set()
    for name in names:
        if name in NOT_IMPORTED:
            continue
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            function = inspect.unwrap(value) if callable(value) else None  # through st.cache_*
            if (
                attribute.startswith("_")
                or not inspect.isfunction(function)
                or function.__module__ != name
            ):
                continue
            parameters = set(inspect.signature(function).parameters)
            owned = "store" in parameters and parameters & OWNED_ID_PARAMETERS
            if parameters & CLIENT_PARAMETERS or owned:
                found.add(f"{name.removeprefix('coachkit.')}.{attribute}")
    return found


def covered() -> set[str]:
    cases = {param.values[0].entry for param in CASES}
    glue = {param.id.split("[")[0] for param in GLUE_CASES}
    pages = {entry for param in PAGES for entry in param.values[0].also_covers}
    return cases | glue | pages


def test_every_entry_point_that_takes_a_client_has_an_isolation_case():
    found = entry_points()
    assert {
        "clients.get_client",
        "ingest.commit",
        "ui.upload.import_panel",
        "sharing.revoke",
    } <= found
    missing = sorted(found - covered())
    assert missing == [], f"no isolation case for {', '.join(missing)}: add one to test_isolation"


def test_every_case_names_a_function_that_exists():
    for entry in covered():
        module, function = entry.rsplit(".", 1)
        assert inspect.isfunction(getattr(importlib.import_module(f"coachkit.{module}"), function))
