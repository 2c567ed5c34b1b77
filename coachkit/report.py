"""The read-only client report behind a share link: as data, and as one downloadable file.

`build` gathers what the report shows: the numbers of METRICS.md for one client, counted for the
client's words (coachkit/present_client.py): their last four weeks, their program this week and
how far along the three months they are, and their own charts (coachkit/client_charts.py).
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
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import altair as alt
import vl_convert as vlc
from fpdf import FPDF

from coachkit import charts, client_charts, client_view, metrics, present_client
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
    month: client_view.Month
    plan: client_view.Plan | None  # None without a running program
    charts: tuple[charts.Drawn, ...]

    @property
    def client_name(self) -> str:
        return self.report.client


def build(store: Store, shared: Shared, today: date | None = None) -> ClientReport:
    """The report a share link opens: one client's numbers and charts, as of `today`."""
    today = today or date.today()
    d = metrics.dashboard(store, shared.coach_id, shared.client_id, today=today)
    plan = client_view.plan(store, shared, d, today)
    # The words judge the coach's window; the charts run since the client started.
    started = client_charts.since(plan.start if plan else None, today)
    grown = metrics.dashboard(store, shared.coach_id, shared.client_id, since=started, today=today)
    return ClientReport(
        today=today,
        report=d.report,
        month=client_view.month(d, today),
        plan=plan,
        charts=tuple(client_charts.client_charts(grown)),
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
li { margin: 4px 0; }
figure { margin: 8px 0 4px; }
section { margin-bottom: 24px; }
svg { max-width: 100%; height: auto; }
footer { color: #555; font-size: 0.9em; border-top: 1px solid #ddd; padding-top: 8px; }
@media print { section { break-inside: avoid; } }
"""


@dataclass(frozen=True)
class Block:
    """A run of text in a section: an optional sub-heading, then lines, as a list or not."""

    lines: tuple[str, ...]
    heading: str | None = None
    listed: bool = True


@dataclass(frozen=True)
class Section:
    """One part of the report, the same on the page, in the HTML file and in the PDF: a chart
    with the line that says how to read it, or words."""

    key: str
    title: str
    blocks: tuple[Block, ...]
    chart: charts.Chart | None = None


def _note(drawn: charts.Drawn, t: metrics.Thresholds) -> tuple[Block, ...]:
    """How to read a chart, under it; nothing under one that says there is no data yet."""
    if not client_charts.drawn_something(drawn.chart):
        return ()
    return (Block((present_client.chart_note(drawn.key, t),), listed=False),)


def sections(report: ClientReport) -> list[Section]:
    """The report in reading order: the chart that matters most to the client's program,
    their last four weeks, this week's plan, then their other charts."""
    t = report.report.thresholds
    drawn = [Section(d.key, d.title, _note(d, t), d.chart) for d in report.charts]
    went = present_client.went_well(report.report, report.month, report.plan)
    work = present_client.work_on(report.report)
    month = [Block(tuple(went), "Went well")] if went else []
    month += [Block(tuple(work), "To work on")] if work else []
    words = [Section("month", "Your last 4 weeks", tuple(month) or (Block(
        (present_client.NOTHING_YET,), listed=False),))]  # fmt: skip
    plan = report.plan
    if plan is not None:
        week = (
            Block(tuple(present_client.week_days(plan, report.today))),
            Block((present_client.next_day(plan, report.today),), listed=False),
            Block(tuple(present_client.doses(plan)), present_client.day_title(plan)),
        )
        words.append(Section("week", "This week", week))
    return [*drawn[:1], *words, *drawn[1:]]


def _html_block(block: Block) -> str:
    e = html.escape
    heading = f"<h3>{e(spreadsheet_text(block.heading))}</h3>" if block.heading else ""
    if block.listed:
        items = "".join(f"<li>{e(spreadsheet_text(line))}</li>" for line in block.lines)
        return f"{heading}<ul>{items}</ul>"
    return heading + "".join(f"<p>{e(spreadsheet_text(line))}</p>" for line in block.lines)


def _html_section(section: Section) -> str:
    key, title = html.escape(section.key), html.escape(section.title)
    words = "".join(_html_block(block) for block in section.blocks)
    if section.chart is None:
        return f'<section id="{key}"><h2>{title}</h2>{words}</section>'
    svg = _scoped_ids(chart_svg(section.chart), f"{section.key}-")
    return f'<section id="{key}"><h2>{title}</h2><figure>{svg}</figure>{words}</section>'


def to_html(report: ClientReport) -> str:
    """The report as one self-contained HTML file: no script, nothing fetched from elsewhere;
    the page's words and charts in the page's order."""
    e = html.escape
    name = e(spreadsheet_text(report.client_name))
    body = "\n".join(_html_section(section) for section in sections(report))
    road = e(spreadsheet_text(present_client.road(report.plan, report.today)))
    today = e(present_client.day(report.today))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Leg training: {e(report.client_name)}</title>
<style>{STYLE}</style>
</head>
<body>
<main>
<h1>{name}: leg training</h1>
<p class="who">{road}</p>
{body}
<footer>Made with CoachKit on {today}. Weeks run Monday to Sunday.</footer>
</main>
</body>
</html>
"""


# The PDF's font: DejaVu Sans where the system has it (Debian's fonts-dejavu-core, which CI
# installs), for every script a name may be written in; else the PDF's own Helvetica, which
# holds Latin-1 only, so any other letter shows as "?".
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
A4_TEXT_WIDTH = 174  # mm: A4's 210 less margins of 18


def _pdf_font(pdf: FPDF) -> tuple[str, Callable[[str], str]]:
    regular, bold = DEJAVU / "DejaVuSans.ttf", DEJAVU / "DejaVuSans-Bold.ttf"
    if regular.is_file() and bold.is_file():
        pdf.add_font("DejaVu", "", str(regular))
        pdf.add_font("DejaVu", "B", str(bold))
        return "DejaVu", str
    return "Helvetica", lambda text: text.encode("latin-1", "replace").decode("latin-1")


def to_pdf(report: ClientReport) -> bytes:
    """The report as an A4 PDF: the page's words and charts in the page's order, each chart a
    PNG drawn by vl-convert, and no section split across two pages."""
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_title(f"Leg training: {report.client_name}")
    pdf.set_creator("CoachKit")
    font, text = _pdf_font(pdf)
    pdf.add_page()
    pdf.set_font(font, "B", 20)
    pdf.multi_cell(0, 9, text(f"{report.client_name}: leg training"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(font, "", 11)
    pdf.multi_cell(0, 6, text(present_client.road(report.plan, report.today)),
                   new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    for section in sections(report):
        with pdf.unbreakable() as page:
            page.ln(5)
            page.set_font(font, "B", 14)
            page.multi_cell(0, 8, text(section.title), new_x="LMARGIN", new_y="NEXT")
            if section.chart is not None:
                png = chart_png(section.chart, scale=PNG_SCALE)
                page.image(io.BytesIO(png), w=A4_TEXT_WIDTH)
            for block in section.blocks:
                if block.heading:
                    page.set_font(font, "B", 11)
                    page.multi_cell(0, 7, text(block.heading), new_x="LMARGIN", new_y="NEXT")
                page.set_font(font, "", 10 if section.chart is not None else 11)
                for line in block.lines:
                    shown = f"\u2022 {line}" if block.listed and font == "DejaVu" else line
                    shown = f"- {line}" if block.listed and font != "DejaVu" else shown
                    page.multi_cell(0, 6, text(shown), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(font, "", 9)
    pdf.multi_cell(0, 5, text(f"Made with CoachKit on {present_client.day(report.today)}."),
                   new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    return bytes(pdf.output())


def file_name(report: ClientReport, extension: str = "html") -> str:
    """A safe download name: `leg-report-maya-lopez-2026-11-25.html`."""
    slug = re.sub(r"[^a-z0-9]+", "-", report.client_name.lower()).strip("-") or "client"
    return f"leg-report-{slug}-{report.today.isoformat()}.{extension}"
