"""The Share screen: report links for one client, with an expiry, whether the client may send
their exports through them, their views, and revoking."""

from __future__ import annotations

import streamlit as st

from coachkit import auth, clients, present, settings, sharing
from coachkit.ui import plain, store

SHARE_PAGE = "share"  # the url_path of pages/share.py
LINK_KINDS = {
    "uploads": "see their report and send their exports (report and uploads)",
    "report": "see their report only (report only)",
}


def share_link_form(coach: auth.Coach, client: clients.Client) -> None:
    """Create a report link for the client; the link itself is shown once, right after."""
    with st.form("share_create", border=True):
        days = st.number_input(
            "Valid for (days)",
            min_value=1,
            max_value=sharing.MAX_DAYS,
            value=sharing.DEFAULT_DAYS,
            step=1,
            key="share_days",
        )
        kind = st.radio(
            "The client can",
            list(LINK_KINDS),
            format_func=LINK_KINDS.get,
            key="share_kind",
            help="With uploads, the client sends their app's export from the link's page; "
            "you can switch that off later.",
        )
        submitted = st.form_submit_button("Create link", type="primary", key="share_create_submit")
    if not submitted:
        return
    # Shown in this run only, and kept nowhere: the next run, on this page or after leaving it
    # and coming back, has no way to show the token again.
    uploads = kind == "uploads"
    created = sharing.create_link(store(), coach.id, client.id, int(days), uploads=uploads)
    url = sharing.link_url(settings.base_url(st.context.url, page=SHARE_PAGE), created.token)
    st.success(
        f"A link to {plain(client.name)}'s report, valid until {created.expires_at:%d %b %Y}. "
        "Copy it now (the button at the right of the box): it is not shown again."
    )
    st.code(url, language=None)


def share_links_table(coach: auth.Coach, client: clients.Client) -> None:
    """The client's links with their status and views, and a form to revoke an active one."""
    links = sharing.links(store(), coach.id, client.id)
    if not links:
        st.caption("No link for this client yet.")
        return
    st.dataframe(
        [
            {
                "created": link.created_at,
                "expires": link.expires_at,
                "status": link.status,
                "uploads": "on" if link.uploads else "off",
                "views": link.views,
                "last viewed": link.last_viewed_at,
            }
            for link in links
        ],
        hide_index=True,
        placeholder="",
        column_config={
            "created": st.column_config.DatetimeColumn("Created (UTC)", format="D MMM YYYY, HH:mm"),
            "expires": st.column_config.DatetimeColumn("Expires (UTC)", format="D MMM YYYY"),
            "last viewed": st.column_config.DatetimeColumn("Last viewed (UTC)"),
            "uploads": st.column_config.TextColumn(
                "Uploads", help="On: the client can send their exports through the link."
            ),
        },
        key="share_links",
    )
    active = [link for link in links if link.status == "active"]
    if not active:
        return
    _uploads_form(coach, active)
    with st.form("share_revoke", border=True):
        chosen = st.selectbox(
            "Revoke a link",
            active,
            format_func=_link_label,
            key="share_revoke_pick",
        )
        if st.form_submit_button("Revoke", key="share_revoke_submit"):
            sharing.revoke(store(), coach.id, chosen.id)
            st.rerun()


def _link_label(link: sharing.Link) -> str:
    return (
        f"created {link.created_at:%d %b %Y %H:%M}, {present.count(link.views, 'view')}, "
        f"until {link.expires_at:%d %b %Y}, uploads {'on' if link.uploads else 'off'}"
    )


def _uploads_form(coach: auth.Coach, active: list[sharing.Link]) -> None:
    """Switch the client's uploads through one active link on or off."""
    with st.form("share_uploads", border=True):
        chosen = st.selectbox(
            "Uploads through a link", active, format_func=_link_label, key="share_uploads_pick"
        )
        on, off = st.columns(2)
        turn_on = on.form_submit_button("Let the client send files", key="share_uploads_on")
        turn_off = off.form_submit_button("Stop uploads", key="share_uploads_off")
    if turn_on or turn_off:
        sharing.set_uploads(store(), coach.id, chosen.id, bool(turn_on))
        st.rerun()
