"""Slowing down guessers: wrong passwords and wrong report tokens, counted in the database.

A rule counts one kind of miss for one subject (an account from an address, or an address)
within a window of time. The first `free` misses cost nothing, so a typo never does; after
that, each further try must wait `first_delay`, doubling with every miss, never more than
`max_delay`; at `lock_after` misses the subject is locked for `lock_for`. The waits run from
the last miss, so a guesser gains nothing by trying again sooner: a try made while the wait
runs is refused unchecked.

The misses live in the database (failed_attempts), not in one server's memory, so that every
app server of a gym sees the same count and a restart forgets nothing. Times are UTC, passed
in by the caller, so that tests run on a clock of their own. Nothing here stores a password or
a token: a subject is an email and an address, or an address.

Who the address is: Streamlit reports the peer of the connection, which behind a proxy is the
proxy. `client_address` trusts the proxy's X-Forwarded-For only when the peer is one the
operator named (COACHKIT_TRUSTED_PROXIES); anyone else could write any address there.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from coachkit.store import Store

log = logging.getLogger(__name__)

# Streamlit reports a connection from this machine's loopback as no address at all.
LOOPBACK = "127.0.0.1"
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class Rule:
    scope: str  # stored with each miss
    free: int
    first_delay: timedelta
    max_delay: timedelta
    window: timedelta
    lock_after: int | None = None
    lock_for: timedelta = timedelta(0)


# Wrong passwords for one account from one address: three typos are free, then 1 s, 2 s, 4 s,
# ... up to 30 s between tries, and the tenth miss in 15 minutes locks that account from that
# address for 15 minutes. The coach at another address is not held up by it.
SIGN_IN = Rule(
    "sign-in",
    free=3,
    first_delay=timedelta(seconds=1),
    max_delay=timedelta(seconds=30),
    window=timedelta(minutes=15),
    lock_after=10,
    lock_for=timedelta(minutes=15),
)
# Wrong passwords from one address, for any accounts: a gym's shared address may hold several
# coaches, so more are free, and 50 misses in 15 minutes (guessing across accounts) lock it.
SIGN_IN_ADDRESS = Rule(
    "sign-in-address",
    free=20,
    first_delay=timedelta(seconds=1),
    max_delay=timedelta(seconds=30),
    window=timedelta(minutes=15),
    lock_after=50,
    lock_for=timedelta(minutes=15),
)
# Wrong report tokens from one address: five are free, then the answer to each is held back
# 0.5 s, 1 s, 2 s, ... never more than 8 s. A valid token is never held back.
REPORT_LINK = Rule(
    "report-link",
    free=5,
    first_delay=timedelta(seconds=0.5),
    max_delay=timedelta(seconds=8),
    window=timedelta(minutes=10),
)


@dataclass(frozen=True)
class Wait:
    """How long a subject must still wait before its next try is checked (zero: at once)."""

    left: timedelta
    locked: bool  # a lock after many misses, rather than the wait after a few

    def __bool__(self) -> bool:
        return self.left > timedelta(0)


def _due(rule: Rule, misses: int, last: datetime) -> tuple[datetime, bool]:
    """When the next try may be checked after `misses` misses within the window that ends at
    the last of them, at `last`."""
    if rule.lock_after is not None and misses >= rule.lock_after:
        return last + rule.lock_for, True
    if misses <= rule.free:
        return last, False
    delay = min(rule.max_delay, rule.first_delay * 2 ** (misses - rule.free - 1))
    return last + delay, False


def _kept(rule: Rule) -> timedelta:
    # The misses that can still matter: a lock lasts `lock_for` after the last miss, which was
    # counted with those of the window before it.
    return rule.window + rule.lock_for


def wait(store: Store, rule: Rule, subject: str, now: datetime) -> Wait:
    """How long `subject` must still wait under `rule` at `now`. The misses are counted in the
    window that ends at the last one: no miss is counted while a wait or a lock runs (the try
    is refused unchecked), so that last miss is the one that set the wait."""
    params = {"scope": rule.scope, "subject": subject, "since": now - _kept(rule)}
    times = [row["missed_at"] for row in store.rows("throttle/recent", params)]
    if not times:
        return Wait(timedelta(0), False)
    last = times[-1]
    misses = sum(1 for t in times if t > last - rule.window)
    due, locked = _due(rule, misses, last)
    return Wait(max(timedelta(0), due - now), locked and due > now)


def missed(store: Store, rule: Rule, subject: str, now: datetime) -> Wait:
    """Count one miss of `subject` at `now`; the wait it now has. A miss that locks the
    subject is logged (the subject, never what was typed)."""
    with store.transaction() as cur:
        cur.execute("throttle/forget_old", {"scope": rule.scope, "since": now - _kept(rule)})
        cur.execute("throttle/insert", {"scope": rule.scope, "subject": subject, "at": now})
    after = wait(store, rule, subject, now)
    if after.locked:
        log.warning(
            "%s locked for %s until %s UTC after %d misses",
            rule.scope,
            subject,
            f"{now + after.left:%Y-%m-%d %H:%M:%S}",
            rule.lock_after,
        )
    return after


def forget(store: Store, rule: Rule, subject: str) -> None:
    """Forget `subject`'s misses under `rule` (a right password ends the count of typos)."""
    store.execute("throttle/forget", {"scope": rule.scope, "subject": subject})


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


def client_address(peer: str | None, forwarded_for: str | None, trusted: Sequence[Network]) -> str:
    """The address of whoever is asking, for the throttles.

    `peer` is the connection's address (None for this machine's loopback, as Streamlit gives
    it). When the peer is a trusted proxy, X-Forwarded-For is read from its right end, past
    every trusted proxy, to the first address that is not one: the client as the outermost
    trusted proxy saw it. Anything left of that was written by the client and is not believed.
    """
    hop = peer or LOOPBACK

    def is_trusted(address: str) -> bool:
        parsed = _address(address)
        return parsed is not None and any(parsed in network for network in trusted)

    if not forwarded_for or not is_trusted(hop):
        return hop
    for entry in reversed(forwarded_for.split(",")):
        parsed = _address(entry)
        if parsed is None:  # garbage in the header: the last address believed is the answer
            return hop
        hop = str(parsed)
        if not is_trusted(hop):
            return hop
    return hop
