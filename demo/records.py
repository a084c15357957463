"""The demo data's scales and the helpers its stages share."""

import datetime
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.db.models import Q

from sessions.enums import DEMO_SLUG_PREFIX
from sessions.models import (
    Edition,
    Sector,
)

DEMO_MARK = "[DEMO]"
DEFAULT_SEED = 2002
FIRST_DEMO_NUMBER = 1001
# Edition.number is a PositiveSmallIntegerField: 32767 is the most PostgreSQL stores.
LAST_EDITION_NUMBER = 32767
# Past editions are spread between these fixed dates, so that they do not move with the clock.
PAST_FROM = datetime.date(2001, 3, 1)
PAST_UNTIL = datetime.date(2025, 11, 30)
BATCH_SIZE = 2000


@dataclass(frozen=True)
class DemoScale:
    """How many records of each kind to make (bookings and visits: as many as fit)."""

    editions: int
    organisations: int
    contacts: int
    bookings: int
    agreements: int
    visits: int
    districts: int


# The small set has enough editions to fill every list page (20 rows, 20 of them in Russia
# for the filtered list) and the home page's timeline (30): comparing the two sets then
# measures how a page's cost grows with the data, not with how many rows it shows.
SCALES = {
    "small": DemoScale(
        editions=40,
        organisations=1_000,
        contacts=2_000,
        bookings=10_000,
        agreements=300,
        visits=100,
        districts=10,
    ),
    "large": DemoScale(
        editions=100,
        organisations=10_000,
        contacts=20_000,
        bookings=100_000,
        agreements=3_000,
        visits=1_000,
        districts=30,
    ),
    # For the tests; not offered in the command's help.
    "tiny": DemoScale(
        editions=5,
        organisations=60,
        contacts=100,
        bookings=150,
        agreements=12,
        visits=6,
        districts=3,
    ),
}


class DemoDataError(Exception):
    """The demo data cannot be made or removed here; the message says why."""


Progress = Callable[[str], None]


class Stages:
    """Reports each stage with its count and the time it took."""

    def __init__(self, progress: Progress | None):
        self.progress = progress
        self.started = self.last = time.perf_counter()

    def done(self, name: str, count: int | None = None) -> None:
        now = time.perf_counter()
        if self.progress:
            took, elapsed = now - self.last, now - self.started
            what = name if count is None else f"{name}: {count:,}"
            self.progress(f"  {what} in {took:.1f} s (elapsed {elapsed:.1f} s)")
        self.last = now


def split(total: int, weights: list[float]) -> list[int]:
    """`total` shared out in proportion to `weights`, largest remainders first."""
    if not weights or total <= 0:
        return [0] * len(weights)
    whole = sum(weights)
    shares = [total * weight / whole for weight in weights]
    counts = [int(share) for share in shares]
    order = sorted(range(len(shares)), key=lambda i: counts[i] - shares[i])
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def insert(model: type[models.Model], objects: list) -> list:
    return model._default_manager.bulk_create(objects, batch_size=BATCH_SIZE)


def marked(text: str) -> str:
    return f"{DEMO_MARK} {text}"


def three(prefix: str, it: str, ru: str, en: str, *, mark: bool = True) -> dict[str, str]:
    """{"title_it": "[DEMO] …", "title_ru": …, "title_en": …}."""
    values = {"it": it, "ru": ru, "en": en}
    return {f"{prefix}_{lang}": marked(text) if mark else text for lang, text in values.items()}


def sector_names(sector: Sector) -> tuple[str, str, str]:
    return (sector.name_it, sector.name_ru or sector.name_it, sector.name_en or sector.name_it)


def demo_q(field: str = "slug") -> Q:
    """The condition that picks demo records by their slug (or a related one)."""
    return Q(**{f"{field}__startswith": DEMO_SLUG_PREFIX})


def real_editions() -> models.QuerySet:
    """Editions that seed_demo did not make: the real history, or staff's own records."""
    return Edition.objects.exclude(demo_q())
