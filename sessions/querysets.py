"""Named reads of the sessions app; each owns its joins. Nothing here reads the cache:
the callers keep what they read (base.caching.remember)."""

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Prefetch, Q
from django.urls import reverse

from base.enums import Country
from base.models import related_model, translation_columns

from .enums import DEMO_SLUG_PREFIX, HELD_STATUSES, UNHELD_STATUSES, EditionStatus, to_roman


class RegionQuerySet(models.QuerySet):
    def italian(self):
        return self.filter(country=Country.ITALY)

    def russian(self):
        return self.filter(country=Country.RUSSIA)

    def hosts(self):
        """Regions that hosted, or were to host, a published edition, with what the regions
        page says of each: the editions it held (`edition_count`; postponed and cancelled
        ones are not counted) and the dates of the first and the latest (`first_date`,
        `last_date`). One query, one row per region, however many editions there are."""
        published = Q(editions__is_published=True)
        held = published & ~Q(editions__status__in=UNHELD_STATUSES)
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

    def for_choices(self):
        """What a choice of regions shows: the name in each language."""
        return self.only("pk", "country", *translation_columns("name")).order_by("country", "name")


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
        return to_roman(self.number) if self.number else ""

    def get_absolute_url(self) -> str:
        return reverse("archive:edition_detail", kwargs={"slug": self.slug})

    @staticmethod
    def neighbours(sequence: list["EditionLink"], pk: int):
        """The links just before and after the edition `pk` in `sequence` (None at the ends,
        or both None if it is not there)."""
        position = next((i for i, link in enumerate(sequence) if link.pk == pk), None)
        if position is None:
            return None, None
        previous = sequence[position - 1] if position > 0 else None
        following = sequence[position + 1] if position + 1 < len(sequence) else None
        return previous, following


@dataclass(frozen=True)
class RegistrationWindow:
    pk: int
    slug: str
    opens_at: datetime.datetime
    closes_at: datetime.datetime

    @staticmethod
    def open_at(windows: list["RegistrationWindow"], now) -> "RegistrationWindow | None":
        """The window open at `now`, if any."""
        return next((w for w in windows if w.opens_at <= now < w.closes_at), None)

    @staticmethod
    def next_change(windows: list["RegistrationWindow"], now) -> "datetime.datetime | None":
        """When a window next opens or closes (the menu's "Register" entry changes then)."""
        moments = [
            moment
            for window in windows
            for moment in (window.opens_at, window.closes_at)
            if moment > now
        ]
        return min(moments, default=None)


class EditionQuerySet(models.QuerySet):
    def published(self):
        """Editions shown to the public."""
        return self.filter(is_published=True)

    def held(self):
        """Editions that took place, in person or online."""
        return self.filter(status__in=HELD_STATUSES)

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
        return self.filter(status=EditionStatus.PLANNED, start_date__gte=today).order_by(
            "start_date"
        )

    def sequence(self) -> list[EditionLink]:
        """The editions in chronological order, as links (a dossier's previous and next)."""
        return [
            EditionLink(*row)
            for row in self.chronological().values_list(
                "pk", "slug", "number", "city_it", "city_ru", "city_en"
            )
        ]

    def registration_windows(self, now) -> list[RegistrationWindow]:
        """The registration windows that have not closed at `now`, soonest closing first."""
        return [
            RegistrationWindow(*row)
            for row in self.filter(
                registration_opens_at__isnull=False, registration_closes_at__gt=now
            )
            .order_by("registration_closes_at")
            .values_list("pk", "slug", "registration_opens_at", "registration_closes_at")
        ]

    def demo(self):
        """The fictional editions of `manage.py seed_demo`."""
        return self.filter(slug__startswith=DEMO_SLUG_PREFIX)

    def counts(self) -> dict[str, int]:
        """How many editions, how many held, and in how many regions of each country."""
        held = Q(status__in=HELD_STATUSES)
        return self.aggregate(
            published=Count("pk"),
            held=Count("pk", filter=held),
            regions_it=Count("region", filter=held & Q(country=Country.ITALY), distinct=True),
            regions_ru=Count("region", filter=held & Q(country=Country.RUSSIA), distinct=True),
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
        sector = related_model(self.model, "sectors")
        return self.select_related("region").prefetch_related(
            Prefetch("sectors", queryset=sector.objects.only(*translation_columns("name")))
        )

    def for_detail(self):
        """What an edition's own records show on its page: region, sectors, co-chairs,
        sources, tables, programme (the apps above add what points to the edition)."""
        table = related_model(self.model, "tables")
        return self.select_related("region").prefetch_related(
            "sectors",
            "co_chairs",
            "sources",
            Prefetch("tables", queryset=table.objects.select_related("sector")),
            "agenda_items",
        )

    def for_choices(self):
        """What a choice of editions shows: number, place, year."""
        return self.only(
            "pk", "slug", "number", "start_date", "country", *translation_columns("city")
        ).newest_first()

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
        tables for each word (docs/PERFORMANCE.md)."""
        sector = related_model(self.model, "sectors")
        table = related_model(self.model, "tables")
        query = self
        for term in search_terms(text):
            variants = case_variants(term)
            query = query.filter(
                _any_contains(EDITION_SEARCH_FIELDS, variants)
                | Exists(
                    sector.objects.filter(editions=OuterRef("pk")).filter(
                        _any_contains(translation_columns("name"), variants)
                    )
                )
                | Exists(
                    table.objects.filter(edition=OuterRef("pk")).filter(
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
