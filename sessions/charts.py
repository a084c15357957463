"""Editions per year by host country, drawn as a server-rendered SVG bar chart.

The numbers and the geometry are computed here; the template only draws them, and the same
numbers are shown as a table for people who cannot see the chart.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

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
        names = {code: escape(name) for code, name in country_names.items()}
        # Numbers and our own class names need no escaping; the names are escaped above.
        grid = "".join(
            f'<line x1="34" x2="{self.width}" y1="{_number(y)}" y2="{_number(y)}" '
            f'class="chart-grid"/><text x="28" y="{_number(y)}" class="chart-tick" '
            f'text-anchor="end" dominant-baseline="middle">{value}</text>'
            for value, y in self.ticks
        )
        bars = "".join(
            f'<rect x="{_number(bar.x)}" y="{_number(bar.y)}" width="{_number(bar.width)}" '
            f'height="{_number(bar.height)}" class="bar-{bar.country.lower()}">'
            f"<title>{column.year}: {names[bar.country]} {bar.count}</title></rect>"
            for column in self.years
            for bar in column.bars
            if bar.count
        )
        labels = "".join(
            f'<text x="{_number(column.label_x)}" y="{_number(self.label_y)}" '
            f'class="chart-label" text-anchor="middle">{str(column.year)[2:]}</text>'
            for column in self.years
        )
        return mark_safe(grid + bars + labels)  # noqa: S308 - numbers and escaped names

    def table_rows(self) -> SafeString:
        """The chart's data, a table row per year."""
        return mark_safe(  # noqa: S308 - numbers only
            "".join(
                f'<tr><th scope="row">{column.year}</th><td>{column.italy}</td>'
                f"<td>{column.russia}</td></tr>"
                for column in self.years
            )
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
