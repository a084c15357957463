"""Editions per year by host country, drawn as a server-rendered SVG bar chart.

The numbers and the geometry are computed here; the template (sessions/region_list.html)
draws them, and shows the same numbers as a table for people who cannot see the chart.
"""

from collections import Counter
from dataclasses import dataclass, field

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

    @property
    def short_year(self) -> str:
        return str(self.year)[2:]


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


def editions_per_year(editions) -> Chart:
    """Count held editions per year and host country; place every bar."""
    counts: Counter = Counter()
    undated = 0
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
