"""Named reads of the sessions app; each owns its joins."""

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db import models
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Prefetch, Q

from taskforce.models import translation_columns


class RegionQuerySet(models.QuerySet):
    def italian(self):
        return self.filter(country="IT")

    def russian(self):
        return self.filter(country="RU")

    def hosts(self):
        """Regions that hosted, or were to host, a published edition, with what the regions
        page says of each: the editions it held (`edition_count`; postponed and cancelled
        ones are not counted) and the dates of the first and the latest (`first_date`,
        `last_date`). One query, one row per region, however many editions there are."""
        published = Q(editions__is_published=True)
        held = published & ~Q(editions__status__in=["postponed", "cancelled"])
        return (
            self.filter(published)
            .annotate(
                edition_count=Count("editions", filter=held, distinct=True),
                first_date=Min("editions__start_date", filter=held),
                last_date=Max("editions__start_date", filter=held),
            )
            .only("code", "country", *translation_columns("name"))
            .order_by("country", "-edition_count", "name")
        )


REGISTRATION_WINDOWS_CACHE_KEY = "sessions:registration-windows"
SEQUENCE_CACHE_KEY = "sessions:published-sequence"
DEMO_DATA_CACHE_KEY = "sessions:demo-data"
# Cleared whenever an edition is saved or deleted (see SessionsConfig.ready), and by the
# commands that write editions in bulk.
EDITION_CACHE_KEYS = (REGISTRATION_WINDOWS_CACHE_KEY, SEQUENCE_CACHE_KEY, DEMO_DATA_CACHE_KEY)


@dataclass(frozen=True)
class EditionLink:
    """Enough of an edition to link to it: the previous / next links of a dossier."""

    pk: int
    slug: str
    number: int | None
    city_it: str
    city_ru: str
    city_en: str

    @property
    def roman(self) -> str:
        from .models import to_roman

        return to_roman(self.number) if self.number else ""

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("sessions:edition_detail", kwargs={"slug": self.slug})


@dataclass(frozen=True)
class RegistrationWindow:
    pk: int
    slug: str
    opens_at: datetime.datetime
    closes_at: datetime.datetime


class EditionQuerySet(models.QuerySet):
    def published(self):
        """Editions shown to the public."""
        return self.filter(is_published=True)

    def held(self):
        """Editions that took place, in person or online."""
        return self.filter(status__in=["held", "held_online"])

    def newest_first(self):
        """By number, so that unknown editions stand as gaps where they belong.

        The XXVIII held online (date unknown) comes before the XXVIII postponed in 2019.
        """
        return self.order_by(
            F("number").desc(nulls_last=True), F("start_date").desc(nulls_first=True), "-pk"
        )

    def chronological(self):
        return self.order_by(
            F("number").asc(nulls_last=True), F("start_date").asc(nulls_last=True), "pk"
        )

    def upcoming(self, today: datetime.date):
        """Planned editions that have not started yet, soonest first."""
        return self.filter(status="planned", start_date__gte=today).order_by("start_date")

    def neighbours(self, edition) -> tuple["EditionLink | None", "EditionLink | None"]:
        """The published editions just before and after `edition`, in chronological order,
        from a cached sequence (a dossier page then needs no query for them)."""
        sequence = cache.get(SEQUENCE_CACHE_KEY)
        if sequence is None:
            sequence = [
                EditionLink(*row)
                for row in self.published()
                .chronological()
                .values_list("pk", "slug", "number", "city_it", "city_ru", "city_en")
            ]
            cache.set(SEQUENCE_CACHE_KEY, sequence, timeout=3600)
        position = next((i for i, link in enumerate(sequence) if link.pk == edition.pk), None)
        if position is None:
            return None, None
        previous = sequence[position - 1] if position > 0 else None
        following = sequence[position + 1] if position + 1 < len(sequence) else None
        return previous, following

    def registration_windows(self, now) -> list[RegistrationWindow]:
        """The registration windows of published editions that have not closed at `now`,
        from a cache: every public page asks (for the "Register" menu entry), so saving
        or deleting an edition clears it."""
        windows = cache.get(REGISTRATION_WINDOWS_CACHE_KEY)
        if windows is None:
            windows = [
                RegistrationWindow(*row)
                for row in self.published()
                .filter(registration_opens_at__isnull=False, registration_closes_at__gt=now)
                .order_by("registration_closes_at")
                .values_list("pk", "slug", "registration_opens_at", "registration_closes_at")
            ]
            cache.set(REGISTRATION_WINDOWS_CACHE_KEY, windows, timeout=300)
        return windows

    def registration_window_open(self, now) -> "RegistrationWindow | None":
        """The published edition open for registration at `now`."""
        return next(
            (w for w in self.registration_windows(now) if w.opens_at <= now < w.closes_at), None
        )

    def next_registration_window_change(self, now) -> "datetime.datetime | None":
        """When a registration window next opens or closes (the menu changes then)."""
        moments = [
            moment
            for window in self.registration_windows(now)
            for moment in (window.opens_at, window.closes_at)
            if moment > now
        ]
        return min(moments, default=None)

    def demo(self):
        """The fictional editions of `manage.py seed_demo` (taskforce.demo.DEMO_SLUG_PREFIX)."""
        return self.filter(slug__startswith="demo-")

    def has_demo_data(self) -> bool:
        """Whether demo records exist (every public page shows a banner then), from a cache."""
        return cache.get_or_set(DEMO_DATA_CACHE_KEY, lambda: self.demo().exists(), timeout=300)

    def counts(self) -> dict[str, int]:
        """How many editions, how many held, and in how many regions of each country."""
        held = Q(status__in=["held", "held_online"])
        return self.aggregate(
            published=Count("pk"),
            held=Count("pk", filter=held),
            regions_it=Count("region", filter=held & Q(country="IT"), distinct=True),
            regions_ru=Count("region", filter=held & Q(country="RU"), distinct=True),
        )

    def for_timeline(self):
        """What the home page's timeline shows of each edition: number, place, dates."""
        return self.select_related("region").only(
            "slug",
            "number",
            "status",
            "country",
            "start_date",
            "end_date",
            "date_precision",
            *translation_columns("city"),
            *translation_columns("region__name"),
        )

    def for_list(self):
        """What a list of editions shows: region and sectors (their names), without N+1
        queries."""
        from .models import Sector

        return self.select_related("region").prefetch_related(
            Prefetch("sectors", queryset=Sector.objects.only(*translation_columns("name")))
        )

    def for_detail(self):
        """What an edition page shows: its programme, visits, people, sources, documents.

        Its participants, hundreds of names, are read apart as plain values
        (`Registration.objects.listed_participants`)."""
        from agreements.models import Agreement

        from .models import CompanyVisit, EditionOrganiser, SectoralTable

        return self.select_related("region").prefetch_related(
            "sectors",
            "co_chairs",
            Prefetch(
                "organiser_links",
                queryset=EditionOrganiser.objects.select_related("organisation"),
            ),
            "sources",
            Prefetch("tables", queryset=SectoralTable.objects.select_related("sector")),
            "agenda_items",
            Prefetch(
                "visits",
                queryset=CompanyVisit.objects.select_related("host", "sector", "district"),
            ),
            Prefetch(
                "agreements",
                # Dozens of agreements: the columns of their line, not their texts.
                queryset=Agreement.objects.public()
                .order_by(F("date_signed").asc(nulls_last=True), "title")
                .only(
                    "slug",
                    "edition_id",
                    "kind",
                    *translation_columns("title"),
                    "date_signed",
                    "date_precision",
                    "evidence",
                ),
                to_attr="public_agreements",
            ),
        )

    def with_counts(self):
        return self.annotate(
            table_count=Count("tables", distinct=True),
            visit_count=Count("visits", distinct=True),
        )

    def search(self, text: str):
        """Editions whose translated texts, region, sectors or tables mention every term
        (the first SEARCH_MAX_TERMS distinct words of `text`).

        Sectors and tables are matched by EXISTS subqueries, one per term, rather than by
        joins: a join per term multiplies the rows of every edition by its sectors and
        tables for each word (four words took minutes), a subquery stays one pass."""
        from .models import Sector, SectoralTable

        query = self
        for term in search_terms(text):
            variants = case_variants(term)
            query = query.filter(
                _any_contains(EDITION_SEARCH_FIELDS, variants)
                | Exists(
                    Sector.objects.filter(editions=OuterRef("pk")).filter(
                        _any_contains(translation_columns("name"), variants)
                    )
                )
                | Exists(
                    SectoralTable.objects.filter(edition=OuterRef("pk")).filter(
                        _any_contains(translation_columns("title"), variants)
                    )
                )
            )
        return query


# What a public search reads: at most this many characters, and this many distinct words.
SEARCH_MAX_LENGTH = 100
SEARCH_MAX_TERMS = 5

EDITION_SEARCH_FIELDS = [
    *translation_columns("city"),
    *translation_columns("venue"),
    *translation_columns("summary"),
    *translation_columns("region__name"),
    "slug",
    "date_text",
    "region__code",
]


def search_terms(text: str) -> list[str]:
    """The distinct words of a search, in order, at most SEARCH_MAX_TERMS of them, each
    cut to SEARCH_MAX_LENGTH characters."""
    words = dict.fromkeys(word[:SEARCH_MAX_LENGTH] for word in text[:SEARCH_MAX_LENGTH].split())
    return list(words)[:SEARCH_MAX_TERMS]


def _any_contains(fields, variants) -> Q:
    condition = Q()
    for variant in variants:
        for field in fields:
            condition |= Q(**{f"{field}__icontains": variant})
    return condition


def case_variants(term: str) -> set[str]:
    """The term as typed, lower, upper and capitalised.

    SQLite's case-insensitive LIKE folds only ASCII letters, so "флоренция" would not find
    "Флоренция" there; PostgreSQL needs only the first variant.
    """
    return {term, term.lower(), term.upper(), term.capitalize()}


class CompanyVisitQuerySet(models.QuerySet):
    def published(self):
        return self.filter(edition__is_published=True)

    def for_list(self):
        """What the list of visits shows, and only that: a thousand visits are sorted by
        their edition, and narrow rows sort much faster than every text in every language."""
        return (
            self.select_related("edition", "edition__region", "host", "district", "sector")
            .only(
                "date",
                "edition",
                "host",
                "district",
                "sector",
                "edition__slug",
                "edition__number",
                *translation_columns("edition__city"),
                "edition__region",
                "host__slug",
                "host__name",
                *translation_columns("edition__region__name"),
                *translation_columns("district__name"),
                *translation_columns("sector__name"),
            )
            .order_by(
                F("edition__number").desc(nulls_last=True), F("date").asc(nulls_last=True), "pk"
            )
        )
