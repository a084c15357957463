"""Editions per year by host country, drawn as a server-rendered SVG bar chart.

The numbers and the geometry are computed here; the template only draws them, and the same
numbers are shown as a table for people who cannot see the chart.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.html import format_html_join
from django.utils.safestring import SafeString

WIDTH = 760
HEIGHT = 260
MARGIN_LEFT = 36
MARGIN_BOTTOM = 40
MARGIN_TOP = 12
BAR_GAP = 2


@dataclass
class Bar:
    country: str
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass
class YearColumn:
    year: int
    italy: int
    russia: int
    label_x: float
    bars: list[Bar] = field(default_factory=list)


@dataclass
class Chart:
    years: list[YearColumn]
    maximum: int
    undated: int
    width: int = WIDTH
    height: int = HEIGHT
    axis_y: float = HEIGHT - MARGIN_BOTTOM
    ticks: list[tuple[int, float]] = field(default_factory=list)

    @property
    def label_y(self) -> float:
        return self.axis_y + 16

    @property
    def total(self) -> int:
        return sum(column.italy + column.russia for column in self.years)

    # The repeated marks are written here rather than by the template: a few hundred numbers,
    # each of which the template engine would resolve and localise one by one.

    def marks(self, country_names: dict[str, str]) -> SafeString:
        """The SVG grid, bars and year labels; `country_names` names "IT" and "RU" in the
        page's language (each bar's tooltip)."""
        grid = format_html_join(
            "",
            '<line x1="34" x2="{0}" y1="{1}" y2="{1}" class="chart-grid"/>'
            '<text x="28" y="{1}" class="chart-tick" text-anchor="end" '
            'dominant-baseline="middle">{2}</text>',
            ((str(self.width), _number(y), str(value)) for value, y in self.ticks),
        )
        bars = format_html_join(
            "",
            '<rect x="{}" y="{}" width="{}" height="{}" class="bar-{}">'
            "<title>{}: {} {}</title></rect>",
            (
                (
                    _number(bar.x),
                    _number(bar.y),
                    _number(bar.width),
                    _number(bar.height),
                    bar.country.lower(),
                    str(column.year),
                    country_names[bar.country],
                    str(bar.count),
                )
                for column in self.years
                for bar in column.bars
                if bar.count
            ),
        )
        labels = format_html_join(
            "",
            '<text x="{}" y="{}" class="chart-label" text-anchor="middle">{}</text>',
            (
                (_number(column.label_x), _number(self.label_y), str(column.year)[2:])
                for column in self.years
            ),
        )
        return grid + bars + labels

    def table_rows(self) -> SafeString:
        """The chart's data, a table row per year."""
        return format_html_join(
            "",
            '<tr><th scope="row">{}</th><td>{}</td><td>{}</td></tr>',
            ((str(column.year), str(column.italy), str(column.russia)) for column in self.years),
        )


def _number(value: float) -> str:
    """A coordinate as SVG wants it, whatever the page's language: 12.5, never 12,5."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def editions_per_year(editions) -> Chart:
    """Count held editions per year and host country; place every bar."""
    counts: Counter = Counter()
    undated = 0
    # The dates, not their years: SQLite would compute each year with a Python function.
    for start, country in editions.values_list("start_date", "country"):
        if start is None or country not in ("IT", "RU"):
            undated += 1
            continue
        counts[(start.year, country)] += 1
    if not counts:
        return Chart(years=[], maximum=0, undated=undated)

    first = min(year for year, _country in counts)
    last = max(year for year, _country in counts)
    years = list(range(first, last + 1))
    maximum = max(counts.values())
    plot_width = WIDTH - MARGIN_LEFT
    plot_height = HEIGHT - MARGIN_BOTTOM - MARGIN_TOP
    slot = plot_width / len(years)
    bar_width = max((slot - 3 * BAR_GAP) / 2, 1)
    axis_y = HEIGHT - MARGIN_BOTTOM

    columns = []
    for index, year in enumerate(years):
        left = MARGIN_LEFT + index * slot + BAR_GAP
        column = YearColumn(
            year=year,
            italy=counts[(year, "IT")],
            russia=counts[(year, "RU")],
            label_x=round(MARGIN_LEFT + index * slot + slot / 2, 1),
        )
        for offset, country in enumerate(("IT", "RU")):
            count = counts[(year, country)]
            height = plot_height * count / maximum
            column.bars.append(
                Bar(
                    country=country,
                    count=count,
                    x=round(left + offset * (bar_width + BAR_GAP), 1),
                    y=round(axis_y - height, 1),
                    width=round(bar_width, 1),
                    height=round(height, 1),
                )
            )
        columns.append(column)
    ticks = [
        (value, round(axis_y - plot_height * value / maximum, 1)) for value in range(maximum + 1)
    ]
    return Chart(years=columns, maximum=maximum, undated=undated, ticks=ticks)
