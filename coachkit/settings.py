"""Settings read from the environment, with their defaults (the database URL is store.py's)."""

from __future__ import annotations

import ipaddress
import math
import os

DEFAULT_MAX_IMPORT_MB = 50


def max_import_bytes() -> int:
    """The import size cap (COACHKIT_MAX_IMPORT_MB, default 50): larger files are refused whole.

    Streamlit's `server.maxUploadSize` in .streamlit/config.toml is set to the same number, but
    the browser enforces that one; this one is checked in Python on every import path.
    """
    raw = os.environ.get("COACHKIT_MAX_IMPORT_MB", "")
    try:
        megabytes = float(raw) if raw else DEFAULT_MAX_IMPORT_MB
    except ValueError:
        megabytes = DEFAULT_MAX_IMPORT_MB
    if not math.isfinite(megabytes) or megabytes <= 0:
        megabytes = DEFAULT_MAX_IMPORT_MB
    return int(megabytes * 1024 * 1024)


DEFAULT_MAX_IMPORT_ROWS = 2_000_000


def max_import_rows() -> int:
    """The row cap of one file (COACHKIT_MAX_IMPORT_ROWS, default 2 million): a larger file is
    refused in words after a count of its lines, before anything reads it as CSV."""
    raw = os.environ.get("COACHKIT_MAX_IMPORT_ROWS", "")
    try:
        rows = int(raw) if raw else DEFAULT_MAX_IMPORT_ROWS
    except ValueError:
        rows = DEFAULT_MAX_IMPORT_ROWS
    return rows if rows > 0 else DEFAULT_MAX_IMPORT_ROWS


DEFAULT_LINK_UPLOADS_PER_DAY = 10


def link_uploads_per_day() -> int:
    """How many files one report link takes in 24 hours (COACHKIT_LINK_UPLOADS_PER_DAY,
    default 10): a client sends one export a week or so; a script sending more is refused."""
    raw = os.environ.get("COACHKIT_LINK_UPLOADS_PER_DAY", "")
    try:
        count = int(raw) if raw else DEFAULT_LINK_UPLOADS_PER_DAY
    except ValueError:
        count = DEFAULT_LINK_UPLOADS_PER_DAY
    return count if count > 0 else DEFAULT_LINK_UPLOADS_PER_DAY


def base_url(address: str | None, page: str = "") -> str:
    """Where report links point: COACHKIT_BASE_URL when set (a gym behind a proxy or a load
    balancer names its public address there), else the address the coach is using, without
    the path of the page the coach is on (Streamlit's page URLs sit under the app's root)."""
    configured = os.environ.get("COACHKIT_BASE_URL", "").strip()
    if configured:
        return configured.rstrip("/")
    root = (address or "http://localhost:8501").rstrip("/")
    if page and root.endswith("/" + page):
        root = root[: -len(page) - 1]
    return root


def trusted_proxies() -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """The proxies whose X-Forwarded-For is believed (COACHKIT_TRUSTED_PROXIES: addresses or
    networks, comma-separated, e.g. "127.0.0.1, ::1" for a proxy on the same machine; default
    none). A name that is neither an address nor a network is an error, said in words."""
    networks = []
    for part in os.environ.get("COACHKIT_TRUSTED_PROXIES", "").split(","):
        if not part.strip():
            continue
        try:
            networks.append(ipaddress.ip_network(part.strip(), strict=False))
        except ValueError:
            raise ValueError(
                f"COACHKIT_TRUSTED_PROXIES: {part.strip()!r} is not an address or a network"
            ) from None
    return tuple(networks)
