"""The CoachKit template, as published in the README and offered for download, imports."""

import re
from pathlib import Path

from coachkit import ingest
from coachkit.auth import add_coach
from coachkit.clients import add_client
from coachkit.importers import template
from tests.conftest import TODAY

README = Path(__file__).parents[1] / "README.md"


def import_text(store, tmp_path, text: str) -> ingest.Result:
    coach = add_coach(store, "coach@gym.example", "Coach", "long enough password")
    client = add_client(store, coach.id, "Kim")
    path = tmp_path / "template.csv"
    path.write_text(text, encoding="utf-8")
    return ingest.commit(store, coach.id, client.id, path, today=TODAY)


def test_the_downloadable_template_imports_every_example_row(store, tmp_path):
    result = import_text(store, tmp_path, template.template_csv())
    # Five example rows, all sets: squat warm-up and working set, leg extension and a timed
    # hamstring stretch on 2 March, a 30-minute run on 4 March: 5 sets in 2 sessions.
    assert (result.sets_added, result.preview.sessions) == (5, 2)
    assert result.preview.layout == "coachkit" and result.preview.unknown == []


def test_the_readme_shows_exactly_the_downloadable_template():
    block = re.search(r"```csv\n(.*?)```", README.read_text(encoding="utf-8"), re.S).group(1)
    assert block == template.template_csv()
