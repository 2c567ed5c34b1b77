"""The read-only client report behind a share link: as data, and as one downloadable file.

`build` gathers what the report shows: the numbers of METRICS.md for one client, in the words
coachkit.present gives them on the coach's Client page too, and the same charts the coach sees.
`to_html` writes them as one self-contained HTML file: no script, no external address, every
chart an inline SVG drawn by vl-convert (Vega-Lite run in an embedded JavaScript engine, no
browser needed), so the file opens offline, prints, and can be mailed.

Every piece of text that a person typed (the client's name, the program's name, exercise names
inside the charts) is escaped before it becomes part of the page, and a Content-Security-Policy
in the file forbids scripts and outside requests should anything slip through. Typed text that
a spreadsheet would take for a formula (the file may be opened in one) starts with an apostrophe.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

import altair as alt
import vl_convert as vlc

from coachkit import charts, metrics, present
from coachkit.sharing import Shared
from coachkit.spreadsheet import spreadsheet_text
from coachkit.store import Store

# Charts are `width="container"` for Streamlit; a file has no container, so they get this width.
FILE_WIDTH = 640
# The scale of a downloaded PNG: 2 keeps text sharp on high-density screens and in print.
PNG_SCALE = 2.0
# No script at all, no request anywhere: styles and images only from the file itself.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
# Markup that would run code or fetch something; a chart's SVG never has it, so it is refused.
UNSAFE_SVG = re.compile(r"<\s*(script|foreignObject|iframe|object|embed)\b|\son\w+\s*=", re.I)


class ReportError(RuntimeError):
    """The report could not be drawn; the message says why."""


@dataclass(frozen=True)
class ClientReport:
    today: date
    report: metrics.Report
    charts: tuple[charts.Drawn, ...]

    @property
    def client_name(self) -> str:
        return self.report.client


def build(store: Store, shared: Shared, today: date | None = None) -> ClientReport:
    """The report a share link opens: one client's numbers and charts, as of `today`."""
    today = today or date.today()
    d = metrics.dashboard(store, shared.coach_id, shared.client_id, today=today)
    return ClientReport(
        today=today,
        report=d.report,
        # The volume load is the coach's secondary view (METRICS.md): not in the client's report.
        charts=tuple(
            drawn
            for drawn in (*charts.compliance_charts(d), *charts.progress_charts(d))
            if drawn.key != "volume_load"
        ),
    )


@cache
def vegalite_version() -> str:
    """The Vega-Lite version vl-convert must use: the one whose schema Altair writes."""
    wanted = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])  # "v6.4.1" -> "6.4"
    if wanted not in vlc.get_vegalite_versions():
        raise ReportError(
            f"vl-convert {vlc.__version__} cannot draw Vega-Lite {wanted} (Altair "
            f"{alt.__version__}); it knows {', '.join(vlc.get_vegalite_versions())}"
        )
    return wanted


def _fixed_width(spec: Any) -> Any:
    """A copy of the spec with every container-sized width or height made a fixed size."""
    if isinstance(spec, dict):
        fixed = {key: _fixed_width(value) for key, value in spec.items()}
        for key in ("width", "height"):
            if fixed.get(key) == "container":
                fixed[key] = FILE_WIDTH if key == "width" else 300
        return fixed
    if isinstance(spec, list):
        return [_fixed_width(item) for item in spec]
    return spec


def file_spec(chart: charts.Chart) -> dict:
    """The chart's Vega-Lite spec at the file's width; the chart itself is left as it was."""
    return _fixed_width(chart.to_dict())


def chart_svg(chart: charts.Chart) -> str:
    # No base URL is allowed: the data is inline, so the renderer never needs to fetch anything.
    svg = vlc.vegalite_to_svg(file_spec(chart), vl_version=vegalite_version(), allowed_base_urls=[])
    if UNSAFE_SVG.search(svg):
        raise ReportError("a chart's SVG holds markup that could run code; it was not embedded")
    return svg


def chart_png(chart: charts.Chart, scale: float = PNG_SCALE) -> bytes:
    """One chart as a PNG image, at the file's width."""
    return vlc.vegalite_to_png(
        file_spec(chart), vl_version=vegalite_version(), scale=scale, allowed_base_urls=[]
    )


def _scoped_ids(svg: str, prefix: str) -> str:
    """The SVG with its ids (clip paths, gradients) prefixed, and the references to them.

    Inline SVGs share one document, so two charts that both define `clip1` would clip each
    other's marks with the first one's shape.
    """
    return re.sub(r'(\bid="|url\(#|href="#)([^")]+)', rf"\g<1>{prefix}\g<2>", svg)


STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111;
       margin: 0; background: #fff; }
main { max-width: 860px; margin: 0 auto; padding: 24px 16px 48px; }
h1 { margin-bottom: 4px; }
.who { color: #444; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin: 16px 0 8px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid #ddd; }
th { font-weight: 600; width: 45%; }
figure { margin: 8px 0 24px; }
svg { max-width: 100%; height: auto; }
footer { color: #555; font-size: 0.9em; border-top: 1px solid #ddd; padding-top: 8px; }
@media print { section { break-inside: avoid; } }
"""


def to_html(report: ClientReport) -> str:
    """The report as one self-contained HTML file: no script, nothing fetched from elsewhere."""
    e = html.escape

    def cell(text: str) -> str:
        # Spreadsheets open HTML tables too: typed text that looks like a formula stays text.
        return e(spreadsheet_text(text))

    name = cell(report.client_name)
    rows = "\n".join(
        f'<tr><th scope="row">{e(figure.label)}</th><td>{cell(figure.text)}</td></tr>'
        for figure in present.summary(report.report).rows
    )
    sections = "\n".join(
        f'<section id="{e(item.key)}"><h2>{e(item.title)}</h2>'
        f"<figure>{_scoped_ids(chart_svg(item.chart), f'{item.key}-')}</figure></section>"
        for item in report.charts
    )
    today = e(report.today.isoformat())
    min_sets = e(present.number(report.report.thresholds.leg_session_min_sets))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Leg training report: {e(report.client_name)}</title>
<style>{STYLE}</style>
</head>
<body>
<main>
<h1>Leg training report</h1>
<p class="who">{name} · as of {today}</p>
<table>
{rows}
</table>
{sections}
<footer>Made with CoachKit on {today}. Weeks run Monday to Sunday; a leg session is a day
with at least {min_sets} lower-body working sets.</footer>
</main>
</body>
</html>
"""


def file_name(report: ClientReport, extension: str = "html") -> str:
    """A safe download name: `leg-report-maya-lopez-2026-11-25.html`."""
    slug = re.sub(r"[^a-z0-9]+", "-", report.client_name.lower()).strip("-") or "client"
    return f"leg-report-{slug}-{report.today.isoformat()}.{extension}"
