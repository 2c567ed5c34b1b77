import hashlib
import io
import subprocess
import sys

import pytest

from coachkit import cli, demo
from coachkit.auth import authenticate
from coachkit.clients import roster
from coachkit.store import Store, open_store
from tests.conftest import TODAY


def run(capsys, *argv: str, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def dump(db_path: str) -> dict[str, list]:
    """Every row of every table, to compare a database before and after a command."""
    with Store(db_path) as store:
        return {table: store.table_rows(table) for table in store.tables()}


def fingerprint(db_path: str, backend: str) -> tuple:
    """Every row of the database, and for an embedded one the file's bytes as well."""
    if backend == "postgres":
        return dump(db_path), None
    with open(db_path, "rb") as handle:
        return dump(db_path), hashlib.sha256(handle.read()).hexdigest()


def test_init_twice_leaves_the_database_unchanged(capsys, db_path, backend):
    code, out, _ = run(capsys, "--db", db_path, "init")
    assert code == 0 and "migration(s) applied" in out and "catalog loaded" in out
    before = fingerprint(db_path, backend)
    code, out, _ = run(capsys, "init", "--db", db_path)
    assert code == 0 and out.strip().endswith("schema up to date")
    assert fingerprint(db_path, backend) == before


def test_add_coach_reads_the_password_from_stdin_and_hashes_it(capsys, monkeypatch, db_path):
    code, out, _ = run(
        capsys,
        "--db",
        db_path,
        "add-coach",
        "Ana@Gym.example",
        "--name",
        "Ana",
        "--password-stdin",
        stdin="correct horse battery\n",
        monkeypatch=monkeypatch,
    )
    assert code == 0 and "ana@gym.example" in out
    with open_store(db_path) as store:
        assert authenticate(store, "ana@gym.example", "correct horse battery").name == "Ana"
        assert authenticate(store, "ana@gym.example", "wrong password!") is None
        stored = store.one("auth/coach_by_email", {"email": "ana@gym.example"})["password_hash"]
        assert stored.startswith("$argon2id$") and "correct horse" not in stored


def test_a_short_password_is_refused_in_one_line(capsys, monkeypatch, db_path):
    code, out, err = run(
        capsys,
        "--db",
        db_path,
        "add-coach",
        "ana@gym.example",
        "--password-stdin",
        stdin="short\n",
        monkeypatch=monkeypatch,
    )
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "at least 10 characters" in err


def test_add_client_needs_an_existing_coach(capsys, db_path):
    code, _, err = run(capsys, "--db", db_path, "add-client", "--coach", "who@x.example", "Bo")
    assert code == 1 and err.strip() == "coachkit add-client: no coach with the email who@x.example"


def test_add_client_adds_to_that_coachs_roster_only(capsys, monkeypatch, db_path):
    for email in ("a@gym.example", "b@gym.example"):
        run(
            capsys,
            "--db",
            db_path,
            "add-coach",
            email,
            "--password-stdin",
            stdin="long enough password\n",
            monkeypatch=monkeypatch,
        )
    code, _, _ = run(capsys, "--db", db_path, "add-client", "--coach", "a@gym.example", "Kim Lee")
    assert code == 0
    code, _, err = run(capsys, "--db", db_path, "add-client", "--coach", "a@gym.example", "Kim Lee")
    assert code == 1 and "already have a client called Kim Lee" in err
    with open_store(db_path) as store:
        a = store.one("auth/coach_by_email", {"email": "a@gym.example"})
        b = store.one("auth/coach_by_email", {"email": "b@gym.example"})
        assert list(roster(store, a["id"])["name"]) == ["Kim Lee"]
        assert roster(store, b["id"]).empty


def test_demo_refuses_to_overwrite_real_data_without_force(capsys, monkeypatch, db_path):
    run(
        capsys,
        "--db",
        db_path,
        "add-coach",
        "real@gym.example",
        "--password-stdin",
        stdin="long enough password\n",
        monkeypatch=monkeypatch,
    )
    code, _, err = run(capsys, "--db", db_path, "demo", "--anchor", TODAY.isoformat())
    assert code == 1 and "--force" in err
    with open_store(db_path) as store:
        assert store.one("auth/coach_by_email", {"email": "real@gym.example"}) is not None
        assert not demo.is_demo(store)
    code, out, _ = run(capsys, "--db", db_path, "demo", "--force", "--anchor", TODAY.isoformat())
    assert code == 0 and demo.DEMO_EMAIL in out
    with open_store(db_path) as store:
        assert store.one("auth/coach_by_email", {"email": "real@gym.example"}) is None
        assert demo.is_demo(store)


def test_demo_can_be_rebuilt_over_itself(capsys, db_path):
    assert run(capsys, "--db", db_path, "demo", "--anchor", TODAY.isoformat())[0] == 0
    assert run(capsys, "--db", db_path, "demo", "--anchor", TODAY.isoformat())[0] == 0
    with open_store(db_path) as store:
        coach = store.one("auth/coach_by_email", {"email": demo.DEMO_EMAIL})
        assert len(roster(store, coach["id"])) == 12


def test_a_database_that_cannot_be_opened_is_one_line_and_exit_1(capsys, tmp_path):
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"\x00not duckdb" * 500)
    code, _, err = run(capsys, "--db", str(junk), "init")
    assert code == 1 and err.count("\n") == 1 and "cannot open database" in err


def test_python_dash_m_coachkit_runs_the_same_cli(db_path):
    done = subprocess.run(
        [sys.executable, "-m", "coachkit", "--db", db_path, "init"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "migration(s) applied" in done.stdout


@pytest.mark.parametrize("argv", [["frobnicate"], []])
def test_unknown_or_missing_commands_exit_non_zero(argv, capsys):
    with pytest.raises(SystemExit) as caught:
        cli.main(argv)
    assert caught.value.code == 2


def test_add_coach_without_a_password_is_refused(capsys, monkeypatch, db_path):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a terminal, and no --password-stdin
    code, out, err = run(capsys, "--db", db_path, "add-coach", "ana@gym.example")
    assert code == 1 and out == ""
    assert err.strip() == "coachkit add-coach: give the password on stdin with --password-stdin"
    with open_store(db_path) as store:
        assert store.one("auth/coach_by_email", {"email": "ana@gym.example"}) is None
