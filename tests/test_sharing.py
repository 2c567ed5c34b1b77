"""Report links: tokens, what is stored, who may do what, and every way a token is refused.

Time is pinned through `now=`: expiry and status are checked at instants derived from the link's
own dates, never against the clock.
"""

from __future__ import annotations

import base64
import hashlib
import threading
import uuid
from datetime import timedelta

import pytest

from coachkit import cli, sharing
from coachkit.auth import add_coach
from coachkit.clients import ClientError, add_client, set_archived
from coachkit.sharing import ShareError
from coachkit.store import open_store


@pytest.fixture
def coach(store):
    return add_coach(store, "coach@share.example")


@pytest.fixture
def rival(store):
    return add_coach(store, "rival@share.example")


@pytest.fixture
def client(store, coach):
    return add_client(store, coach.id, "Maya Lopez")


@pytest.fixture
def created(store, coach, client):
    return sharing.create_link(store, coach.id, client.id)


def only_link(store, coach):
    [link] = sharing.links(store, coach.id)
    return link


def test_a_token_is_43_url_safe_characters_encoding_32_random_bytes(store, coach, client):
    tokens = [sharing.create_link(store, coach.id, client.id).token for _ in range(20)]
    for token in tokens:
        assert len(token) == 43
        assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        assert len(base64.urlsafe_b64decode(token + "=")) == 32  # 256 bits
    assert len(set(tokens)) == len(tokens)


def test_tokens_come_from_the_os_random_source_and_their_bits_look_random(
    store, coach, client, monkeypatch
):
    asked = []
    real = sharing.secrets.token_urlsafe
    monkeypatch.setattr(sharing.secrets, "token_urlsafe", lambda n: asked.append(n) or real(n))
    tokens = [sharing.create_link(store, coach.id, client.id).token for _ in range(64)]
    assert asked == [32] * 64  # 32 bytes of secrets (the OS's CSPRNG) each: 256 bits
    bits = "".join(
        f"{byte:08b}" for token in tokens for byte in base64.urlsafe_b64decode(token + "=")
    )
    # 64 tokens x 256 bits = 16,384 bits. For fair coin flips the count of ones has a mean of
    # 8,192 and a standard deviation of sqrt(16,384) / 2 = 64; five deviations either side
    # (7,872 to 8,512) fails a truly random source about once in 1.7 million runs.
    assert len(bits) == 16_384 and 7_872 <= bits.count("1") <= 8_512
    # No bit position is stuck: each of the 256 is 1 in some token and 0 in another.
    columns = {bits[i::256] for i in range(256)}
    assert not any(set(column) == {"1"} or set(column) == {"0"} for column in columns)


def test_the_stored_hash_is_compared_in_constant_time(store, created, monkeypatch):
    compared = []
    real = sharing.hmac.compare_digest
    monkeypatch.setattr(
        sharing.hmac, "compare_digest", lambda a, b: compared.append((a, b)) or real(a, b)
    )
    assert sharing.resolve(store, created.token) is not None
    digest = hashlib.sha256(created.token.encode()).hexdigest()
    assert compared == [(digest, digest)]


def test_only_the_hash_of_the_token_is_stored(store, created):
    everything = repr([store.table_rows(table) for table in store.tables()])
    assert created.token not in everything
    assert hashlib.sha256(created.token.encode()).hexdigest() in everything


def test_a_created_link_does_not_show_its_token_when_printed(created):
    assert created.token not in repr(created)
    assert created.token not in str(created)


def test_a_valid_token_opens_its_clients_report(store, coach, client, created):
    shared = sharing.resolve(store, created.token)
    # A new link takes uploads unless the coach says otherwise.
    assert shared == sharing.Shared(
        client.id, coach.id, "Maya Lopez", created.expires_at, created.id, uploads=True
    )


def test_a_report_only_link_opens_the_report_and_takes_no_uploads(store, coach, client):
    made = sharing.create_link(store, coach.id, client.id, uploads=False)
    assert sharing.resolve(store, made.token).uploads is False
    sharing.set_uploads(store, coach.id, made.id, True)
    assert sharing.resolve(store, made.token).uploads is True
    assert [link.uploads for link in sharing.links(store, coach.id)] == [True]


def test_another_coachs_link_cannot_be_switched(store, rival, created):
    with pytest.raises(ShareError, match="no such link"):
        sharing.set_uploads(store, rival.id, created.id, False)
    assert sharing.resolve(store, created.token).uploads is True


def test_each_opening_counts_one_view_and_its_time(store, coach, created):
    assert only_link(store, coach).views == 0
    first = created.expires_at - timedelta(days=3)
    second = created.expires_at - timedelta(days=2)
    assert sharing.resolve(store, created.token, now=first) is not None
    assert sharing.resolve(store, created.token, now=second) is not None
    link = only_link(store, coach)
    assert (link.views, link.last_viewed_at) == (2, second)


def test_a_second_look_in_the_same_visit_checks_the_link_but_counts_no_view(store, coach, created):
    assert sharing.resolve(store, created.token) is not None
    assert sharing.resolve(store, created.token, count_view=False) is not None
    assert only_link(store, coach).views == 1
    sharing.revoke(store, coach.id, only_link(store, coach).id)
    assert sharing.resolve(store, created.token, count_view=False) is None


REFUSED = {
    "empty": lambda token: "",
    "none": lambda token: None,
    "bytes": lambda token: token.encode(),
    "garbage": lambda token: "not a token",
    "one character short": lambda token: token[:-1],
    "one character long": lambda token: token + "A",
    "very long": lambda token: token * 1000,
    "padded": lambda token: token[:-1] + "=",
    "not url-safe alphabet": lambda token: token[:-1] + "+",
    "non-ascii of the right length": lambda token: "é" * 43,
    "another well-formed token": lambda token: ("B" if token[0] == "A" else "A") + token[1:],
    "upper-cased": lambda token: token.upper() if token.upper() != token else token.lower(),
}


@pytest.mark.parametrize("make", REFUSED.values(), ids=REFUSED.keys())
def test_a_wrong_or_malformed_token_opens_nothing_and_counts_no_view(store, coach, created, make):
    assert sharing.resolve(store, make(created.token)) is None
    assert only_link(store, coach).views == 0


MALFORMED = ["", "x", "é" * 43, "a" * 42, "a" * 44, "a" * 100_000, "=" * 43, None, 42]


@pytest.mark.parametrize("token", MALFORMED, ids=range(len(MALFORMED)))
def test_a_malformed_token_is_refused_before_hashing_or_querying(store, monkeypatch, token):
    def forbidden(*args, **kwargs):
        raise AssertionError("a malformed token reached the hash or the database")

    monkeypatch.setattr(sharing, "token_hash", forbidden)
    monkeypatch.setattr(store, "one", forbidden)
    assert sharing.resolve(store, token) is None


def test_a_link_works_until_the_instant_it_expires(store, coach, created):
    last_moment = created.expires_at - timedelta(microseconds=1)
    assert sharing.resolve(store, created.token, now=last_moment) is not None
    assert sharing.resolve(store, created.token, now=created.expires_at) is None
    assert sharing.resolve(store, created.token, now=created.expires_at + timedelta(days=1)) is None
    assert only_link(store, coach).views == 1


def test_a_revoked_link_opens_nothing(store, coach, created):
    sharing.revoke(store, coach.id, created.id)
    assert sharing.resolve(store, created.token) is None
    assert only_link(store, coach).views == 0


def test_revoking_twice_keeps_the_first_revocation_time(store, coach, created):
    first = sharing.revoke(store, coach.id, created.id)
    again = sharing.revoke(store, coach.id, str(created.id))
    assert again == first == only_link(store, coach).revoked_at


@pytest.mark.parametrize("link_id", [uuid.uuid4(), "not-a-uuid", ""])
def test_revoking_an_unknown_link_is_refused(store, coach, link_id):
    with pytest.raises(ShareError, match="^no such link$"):
        sharing.revoke(store, coach.id, link_id)


def test_a_link_to_an_archived_client_opens_nothing(store, coach, client, created):
    set_archived(store, coach.id, client.id, True)
    assert sharing.resolve(store, created.token) is None
    set_archived(store, coach.id, client.id, False)
    assert sharing.resolve(store, created.token) is not None


def test_no_link_is_made_for_an_archived_client(store, coach, client):
    set_archived(store, coach.id, client.id, True)
    with pytest.raises(ShareError, match="archived"):
        sharing.create_link(store, coach.id, client.id)


def test_another_coach_cannot_create_a_link_for_your_client(store, rival, client):
    with pytest.raises(ClientError) as theirs:
        sharing.create_link(store, rival.id, client.id)
    with pytest.raises(ClientError) as absent:
        sharing.create_link(store, rival.id, uuid.uuid4())
    assert str(theirs.value) == str(absent.value) == "no such client"
    assert sharing.links(store, rival.id) == []


def test_another_coach_cannot_see_your_links(store, coach, rival, client, created):
    add_client(store, rival.id, "Maya Lopez")
    assert sharing.links(store, rival.id) == []
    assert sharing.links(store, rival.id, client.id) == []
    assert [link.id for link in sharing.links(store, coach.id)] == [created.id]


def test_another_coach_cannot_revoke_your_link(store, coach, rival, created):
    with pytest.raises(ShareError) as theirs:
        sharing.revoke(store, rival.id, created.id)
    with pytest.raises(ShareError) as absent:
        sharing.revoke(store, rival.id, uuid.uuid4())
    assert str(theirs.value) == str(absent.value)
    assert only_link(store, coach).status == "active"
    assert sharing.resolve(store, created.token) is not None


@pytest.mark.parametrize("days", [0, -1, 366, 10_000, 1.5, 30.0, True, "30", None])
def test_a_link_lasting_other_than_1_to_365_whole_days_is_refused(store, coach, client, days):
    with pytest.raises(ShareError, match="1 to 365 days"):
        sharing.create_link(store, coach.id, client.id, days=days)
    assert sharing.links(store, coach.id) == []


@pytest.mark.parametrize("days", [1, 30, 365])
def test_a_link_expires_the_chosen_number_of_days_after_it_is_made(store, coach, client, days):
    sharing.create_link(store, coach.id, client.id, days=days)
    link = only_link(store, coach)
    assert link.expires_at - link.created_at == timedelta(days=days)


def test_a_new_link_lasts_30_days_by_default(store, coach, created):
    link = only_link(store, coach)
    assert link.expires_at - link.created_at == timedelta(days=30)
    assert link.expires_at == created.expires_at


def test_a_link_is_active_then_expired_and_revoked_wins_over_expired(store, coach, client):
    kept = sharing.create_link(store, coach.id, client.id, days=1)
    revoked = sharing.create_link(store, coach.id, client.id, days=1)
    sharing.revoke(store, coach.id, revoked.id)
    later = kept.expires_at + timedelta(days=1)

    def statuses(now):
        return {link.id: link.status for link in sharing.links(store, coach.id, now=now)}

    assert statuses(kept.expires_at - timedelta(hours=1)) == {
        kept.id: "active",
        revoked.id: "revoked",
    }
    assert statuses(later) == {kept.id: "expired", revoked.id: "revoked"}


def test_links_are_listed_newest_first_and_by_client(store, coach, client):
    other = add_client(store, coach.id, "Sam Patel")
    first = sharing.create_link(store, coach.id, client.id)
    second = sharing.create_link(store, coach.id, other.id)
    third = sharing.create_link(store, coach.id, client.id)
    everyone = sharing.links(store, coach.id)
    assert [link.id for link in everyone] == [third.id, second.id, first.id]
    assert [link.client_name for link in everyone] == ["Maya Lopez", "Sam Patel", "Maya Lopez"]
    assert [link.id for link in sharing.links(store, coach.id, client.id)] == [third.id, first.id]


def test_simultaneous_openings_of_one_link_all_open_the_report(store, coach, client, created):
    opened = []

    def open_many():
        for _ in range(10):
            opened.append(sharing.resolve(store, created.token))

    threads = [threading.Thread(target=open_many) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(opened) == 60
    assert all(shared is not None and shared.client_id == client.id for shared in opened)
    assert 0 < only_link(store, coach).views <= 60


@pytest.mark.parametrize("base", ["https://gym.example", "https://gym.example/"])
def test_the_link_points_at_the_report_page_with_the_token(base):
    url = sharing.link_url(base, "abc-_123")
    assert url == "https://gym.example/?token=abc-_123"


def test_the_link_keeps_a_base_path(created):
    url = sharing.link_url("https://example.org/coachkit/", created.token)
    assert url == f"https://example.org/coachkit/?token={created.token}"


def test_the_cli_shares_lists_without_tokens_and_revokes(db_path, capsys):
    with open_store(db_path) as store:
        coach = add_coach(store, "coach@share.example")
        add_client(store, coach.id, "Maya Lopez")
        add_coach(store, "rival@share.example")
    base = ["--db", db_path]
    share = [*base, "share", "--coach", "coach@share.example", "--client", "Maya Lopez"]
    assert cli.main([*share, "--days", "7"]) == 0
    url, about = capsys.readouterr().out.splitlines()
    token = url.split("?token=")[1]
    assert sharing.well_formed(token) and "report and uploads" in about
    assert cli.main([*share, "--no-uploads"]) == 0
    second = capsys.readouterr().out.splitlines()[1]
    assert "report only" in second
    with open_store(db_path) as store:
        assert sharing.resolve(store, token).uploads is True
        links = sharing.links(store, sharing.resolve(store, token).coach_id)
    assert [link.uploads for link in links] == [False, True]  # newest first

    assert cli.main([*base, "links", "--coach", "coach@share.example"]) == 0
    listed = capsys.readouterr().out
    assert token not in listed
    assert [line.split()[3:5] for line in listed.splitlines()[1:]] == [
        ["active", "off"],
        ["active", "on"],
    ]

    # The rival cannot revoke it: the same words as for a link that does not exist.
    link_id = str(links[1].id)
    assert cli.main([*base, "revoke", "--coach", "rival@share.example", link_id]) == 1
    assert capsys.readouterr().err == "coachkit revoke: no such link\n"
    assert cli.main([*base, "revoke", "--coach", "coach@share.example", link_id]) == 0
    assert "opens nothing now" in capsys.readouterr().out
    with open_store(db_path) as store:
        assert sharing.resolve(store, token) is None
