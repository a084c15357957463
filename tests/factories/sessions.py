import datetime

import factory
import pycountry
from django.utils import timezone

from sessions.models import (
    AgendaItem,
    Edition,
    EditionCoChair,
    EditionSource,
    Region,
    Sector,
    SectoralTable,
)

# Real top-level ISO 3166-2 codes, handed out in turn so each factory region is valid.
_REGION_CODES = sorted(
    (s.code, s.country_code, s.name)
    for s in pycountry.subdivisions
    if s.country_code in ("IT", "RU") and s.parent_code is None
)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: _REGION_CODES[n % len(_REGION_CODES)][0])
    country = factory.LazyAttribute(lambda o: o.code[:2])
    kind = factory.LazyAttribute(lambda o: "region" if o.country == "IT" else "oblast")
    name_it = factory.LazyAttribute(
        lambda o: next(name for code, _c, name in _REGION_CODES if code == o.code)
    )
    name_ru = factory.LazyAttribute(lambda o: f"Регион {o.code}")
    name_en = factory.LazyAttribute(lambda o: f"Region {o.code}")


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"sector-{n}")
    name_it = factory.Sequence(lambda n: f"Settore {n}")
    name_ru = factory.Sequence(lambda n: f"Отрасль {n}")
    name_en = factory.Sequence(lambda n: f"Sector {n}")
    order = factory.Sequence(lambda n: n * 10)


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    number = factory.Sequence(lambda n: 100 + n)
    slug = factory.Sequence(lambda n: f"edition-{n}")
    status = Edition.Status.HELD
    start_date = factory.Sequence(lambda n: datetime.date(2030, 1, 1) + datetime.timedelta(days=n))
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=1))
    date_precision = "day"
    region = factory.SubFactory(RegionFactory, code="IT-52")
    country = factory.LazyAttribute(lambda o: o.region.country if o.region else "")
    city_it = factory.Sequence(lambda n: f"Città {n}")
    city_ru = factory.Sequence(lambda n: f"Город {n}")
    city_en = factory.Sequence(lambda n: f"Town {n}")
    venue_it = "Fortezza"
    summary_it = "Sintesi dell'edizione."
    summary_ru = "Краткое описание."
    summary_en = "Summary of the edition."
    evidence = "public"
    # Editions are drafts until staff publish them; most tests read published ones.
    is_published = True


class OpenEditionFactory(EditionFactory):
    """An upcoming edition whose registration window is open now."""

    status = Edition.Status.PLANNED
    start_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=60))
    registration_opens_at = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(days=1)
    )
    registration_closes_at = factory.LazyFunction(
        lambda: timezone.now() + datetime.timedelta(days=30)
    )


class PlaceholderEditionFactory(EditionFactory):
    """An edition of which nothing is known but its number."""

    status = Edition.Status.UNKNOWN
    start_date = None
    end_date = None
    date_precision = "unknown"
    region = None
    country = ""
    city_it = ""
    city_ru = ""
    city_en = ""
    venue_it = ""
    evidence = "unknown"


class EditionCoChairFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EditionCoChair

    edition = factory.SubFactory(EditionFactory)
    side = "IT"
    name = factory.Faker("name", locale="it_IT")
    role_it = "Direttore generale"
    role_en = "Director General"
    order = factory.Sequence(lambda n: n)


class EditionSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EditionSource

    edition = factory.SubFactory(EditionFactory)
    url = factory.Sequence(lambda n: f"https://example.org/news/{n}")
    publisher = "Example News"
    supports = "dates, venue"


class SectoralTableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SectoralTable

    edition = factory.SubFactory(EditionFactory)
    sector = factory.SubFactory(SectorFactory)
    title_it = factory.Sequence(lambda n: f"Tavolo {n}")
    title_ru = factory.Sequence(lambda n: f"Круглый стол {n}")
    title_en = factory.Sequence(lambda n: f"Table {n}")
    capacity = 20


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    edition = factory.SubFactory(EditionFactory)
    kind = AgendaItem.Kind.PLENARY
    title_it = "Sessione plenaria"
    title_en = "Plenary session"
    date = factory.LazyAttribute(lambda o: o.edition.start_date)
