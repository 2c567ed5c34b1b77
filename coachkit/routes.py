"""The two HTTP routes beside the Streamlit app: a sign-in kept across reloads, and its end.

A Streamlit script cannot set a cookie, so the sign-in form sends the browser here
(coachkit/sessions.py says why and how): `/coachkit/session?ticket=…&next=/page` trades the
ticket for the session's token in an HTTP-only cookie (page scripts cannot read it; SameSite
Lax keeps other sites' requests from carrying it) and sends the browser back to the page it
came from; `/coachkit/signed-out` drops the cookie after Sign out has ended the session.
app.py mounts both with `st.App`.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from coachkit import sessions
from coachkit.clock import utc_now
from coachkit.store import Store


def safe_next(target: str | None) -> str:
    """Where to go back to: a path of this app, never another site (`//evil.example`,
    `https://…`, `/\\evil.example`); the start page otherwise."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    if any(ord(c) < 32 for c in target):
        return "/"
    return target


def _back(request: Request) -> RedirectResponse:
    return RedirectResponse(safe_next(request.query_params.get("next")), status_code=303)


def routes(store: Callable[[], Store]) -> list[Route]:
    """The routes, each opening the app's one store through `store` when it first needs it."""

    async def keep_session(request: Request) -> Response:
        response = _back(request)
        ticket = request.query_params.get("ticket", "")
        # The store blocks: a thread of the pool, not the event loop, waits for it.
        token = await run_in_threadpool(sessions.trade, store(), ticket, utc_now())
        if token is not None:
            response.set_cookie(
                sessions.COOKIE,
                token,
                httponly=True,
                samesite="lax",
                secure=request.url.scheme == "https",
                path="/",
            )
        return response

    async def signed_out(request: Request) -> Response:
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(sessions.COOKIE, path="/")
        return response

    return [
        Route(sessions.SESSION_PATH, keep_session, methods=["GET"]),
        Route(sessions.SIGNED_OUT_PATH, signed_out, methods=["GET"]),
    ]
