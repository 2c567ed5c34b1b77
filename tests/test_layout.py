"""The house's layout rules that import-linter cannot see: where SQL lives and who reads it,
and how large a room may grow (DESIGN.md; the import contracts are in pyproject.toml)."""

import re
from pathlib import Path

import coachkit
from coachkit import export
from coachkit.store import MIGRATION_NAME, named_sql

PACKAGE = Path(coachkit.__file__).parent
ROOT = PACKAGE.parent
SQL = PACKAGE / "sql"
QUOTED_NAME = re.compile(r"""["']([a-z][a-z0-9_]*/[a-z][a-z0-9_]*)["']""")


def query_names_in(source: Path) -> set[str]:
    """The named queries a module's text asks for."""
    found = set(QUOTED_NAME.findall(source.read_text(encoding="utf-8")))
    if source.name == "export.py":
        # The export names one query per table it writes: f"export/{table.name}".
        found |= {f"export/{table.name}" for table in export.TABLES}
    return found


def shipped_queries() -> set[str]:
    return {
        f"{path.parent.name}/{path.stem}"
        for path in SQL.glob("*/*.sql")
        if path.parent.name != "migrations"
    }


def modules() -> dict[str, Path]:
    """Every module of the core by the name its SQL folder would have."""
    return {path.stem: path for path in PACKAGE.glob("*.py") if path.stem != "__init__"}


def test_every_query_sits_in_the_folder_of_the_one_module_that_reads_it():
    read_by = {name: query_names_in(path) & shipped_queries() for name, path in modules().items()}
    for folder in {query.split("/")[0] for query in shipped_queries()}:
        assert folder in read_by, f"sql/{folder}/ is named after no module"
    misplaced = sorted(
        f"{module}.py reads {query}"
        for module, queries in read_by.items()
        for query in queries
        if query.split("/")[0] != module
    )
    assert misplaced == []


def test_every_shipped_query_is_read_and_every_name_read_is_shipped():
    read = set().union(*(query_names_in(path) for path in modules().values()))
    asked = {name for name in read if name.split("/")[0] in {p.name for p in SQL.iterdir()}}
    assert sorted(shipped_queries() - read) == []  # no SQL file that nothing reads
    for name in asked:
        assert named_sql(name)  # raises for a name with no file


def test_the_sql_folder_holds_only_query_folders_and_migrations():
    assert [p.name for p in SQL.iterdir() if not p.is_dir()] == []
    migrations = sorted(p.name for p in (SQL / "migrations").iterdir())
    assert migrations and all(MIGRATION_NAME.match(name) for name in migrations)


def test_no_module_of_the_core_is_over_600_lines_and_no_page_over_60():
    def lines(path: Path) -> int:
        return len(path.read_text(encoding="utf-8").splitlines())

    big = {str(p.relative_to(ROOT)): lines(p) for p in PACKAGE.rglob("*.py") if lines(p) > 600}
    long_pages = {p.name: lines(p) for p in (ROOT / "pages").glob("*.py") if lines(p) > 60}
    assert (big, long_pages) == ({}, {})
