"""The archive's key figures (home page), counted once per change of content."""

from agreements.models import Agreement
from base.caching import remember
from companies.models import CompanyVisit
from sessions.models import Edition

from .querysets import organisations_in_public_count


def key_figures() -> dict[str, int]:
    """Editions, host regions, public agreements, organisations and visits, counted.

    Counting the organisations with public activity reads every visit, party and organiser:
    the figures are kept until the content changes, not counted on every page."""
    return remember("key-figures", _count)


def _count() -> dict[str, int]:
    editions = Edition.objects.published().counts()
    return {
        "editions_published": editions["published"],
        "editions_held": editions["held"],
        "regions_it": editions["regions_it"],
        "regions_ru": editions["regions_ru"],
        "agreements": Agreement.objects.public().count(),
        "organisations": organisations_in_public_count(),
        "visits": CompanyVisit.objects.published().count(),
    }
