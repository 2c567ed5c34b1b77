"""Client: one client's balance, compliance and progress, their program and their imports."""

import streamlit as st

from coachkit import charts, clients, metrics, ui

coach = ui.require_coach()
st.title("Client")

try:
    client = ui.client_from_url(coach, key="client_pick")
except clients.ClientError:
    st.error(ui.NO_SUCH_CLIENT)
    st.stop()
if client is None:
    st.stop()

since, until = ui.window_picker(key=f"window:{client.id}")
try:
    dashboard = metrics.dashboard(ui.store(), coach.id, client.id, since, until, today=ui.today())
except metrics.MetricsError as exc:
    st.error(ui.plain(exc))
    st.stop()

ui.window_caption(dashboard.report)
ui.key_numbers(dashboard.report, dashboard.thresholds)
ui.flag_box(dashboard.report["flags"])

st.header("Program")
ui.current_program(coach, client)

st.header("Balance and compliance")
weeks, sessions, t = dashboard.weeks, dashboard.sessions, dashboard.thresholds
left, right = st.columns(2)
left.altair_chart(charts.balance(weeks, t), width="stretch", key="chart_balance")
right.altair_chart(charts.volume_load(weeks), width="stretch", key="chart_volume_load")
left.altair_chart(charts.recovery(sessions, t), width="stretch", key="chart_recovery")
right.altair_chart(charts.frequency(weeks, t), width="stretch", key="chart_frequency")
left.altair_chart(charts.stretching(sessions), width="stretch", key="chart_stretching")
right.altair_chart(charts.adherence(weeks, t), width="stretch", key="chart_adherence")

st.header("Progress")
st.altair_chart(charts.e1rm_trend(dashboard.e1rm), width="stretch", key="chart_e1rm")

ui.import_history(coach, client)
