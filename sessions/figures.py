"""The archive's key figures (home page), cached until the content changes."""

from django.core.cache import cache

from taskforce.pagecache import content_version


def key_figures() -> dict[str, int]:
    """Editions, host regions, public agreements, organisations and visits, counted.

    Counting the organisations with public activity reads every visit, party and organiser:
    the figures are kept under the content version, which any change of content replaces
    (taskforce.pagecache), so they are counted once per change, not once per page.
    """
    return cache.get_or_set(f"sessions:key-figures:{content_version()}", _count, timeout=3600)


def _count() -> dict[str, int]:
    from agreements.models import Agreement
    from companies.models import Organisation

    from .models import CompanyVisit, Edition

    editions = Edition.objects.published().counts()
    return {
        "editions_published": editions["published"],
        "editions_held": editions["held"],
        "regions_it": editions["regions_it"],
        "regions_ru": editions["regions_ru"],
        "agreements": Agreement.objects.public().count(),
        "organisations": Organisation.objects.public_activity_count(),
        "visits": CompanyVisit.objects.published().count(),
    }
