"""Shared abstract bases and vocabularies used by more than one app."""

import datetime

from django.db import models
from django.utils.dates import MONTHS, MONTHS_ALT
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext_lazy as _
from modeltranslation import settings as translation_settings
from modeltranslation.utils import build_localized_fieldname


class SubqueryCount(models.Subquery):
    """The number of rows of a correlated subquery, e.g. a registration's bookings.

    Unlike `Count()` over a join, it needs no GROUP BY of the whole table: a database
    computes it only for the rows it returns (one page of a changelist).
    """

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _count)"
    output_field = models.IntegerField()

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset.order_by().values("pk"), **kwargs)


class TimeStampedModel(models.Model):
    """Creation and last-change times, filled automatically and read-only in the admin."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, editable=False)

    class Meta:
        abstract = True


class Country(models.TextChoices):
    ITALY = "IT", _("Italy")
    RUSSIA = "RU", _("Russia")


class EvidenceLevel(models.TextChoices):
    """How well a recorded fact is supported (see the edition history's legend)."""

    PUBLIC = "public", _("public source")
    SOURCE_DOC = "source_doc", _("source document only")
    INFERRED = "inferred", _("inferred")
    UNKNOWN = "unknown", _("unknown")


def translation_columns(field: str) -> list[str]:
    """The column of a translated field in each language of the content, for only():
    "city" → ["city_it", "city_ru", "city_en"]; "region__name" → ["region__name_it", …]."""
    return [
        build_localized_fieldname(field, language)
        for language in translation_settings.AVAILABLE_LANGUAGES
    ]


class DatePrecision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")
    UNKNOWN = "unknown", _("unknown")


def format_approximate_date(
    start: datetime.date | None,
    end: datetime.date | None,
    precision: str,
) -> str:
    """A date (or range) written only as precisely as the source allows.

    "29–30 novembre 2018", "ottobre 2017", "2003", or "data sconosciuta", in the active
    language.
    """
    if start is None or precision == DatePrecision.UNKNOWN:
        return pgettext("date", "date unknown")
    text = _format_range(start, end, precision)
    # Django's catalogues capitalise month names; Italian and Russian write them lowercase.
    return text.lower() if get_language() in LOWERCASE_MONTH_LANGUAGES else text


LOWERCASE_MONTH_LANGUAGES = {"it", "ru"}


def _format_range(start: datetime.date, end: datetime.date | None, precision: str) -> str:
    if precision == DatePrecision.YEAR:
        return str(start.year)
    if precision == DatePrecision.MONTH:
        return f"{MONTHS[start.month]} {start.year:04d}"  # date format "F Y"
    # "E": the month's name as it stands after a day number (genitive in Russian). Written
    # directly rather than through formats.date_format(), which parses its format string
    # anew for every date: lists and timelines show dozens of dates.
    if end is None or end == start:
        return _day_month_year(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{_day_month_year(end)}"
    if start.year == end.year:
        return f"{_day_month(start)} – {_day_month_year(end)}"
    return f"{_day_month_year(start)} – {_day_month_year(end)}"


def _day_month(day: datetime.date) -> str:
    return f"{day.day} {MONTHS_ALT[day.month]}"  # "j E"


def _day_month_year(day: datetime.date) -> str:
    return f"{day.day} {MONTHS_ALT[day.month]} {day.year:04d}"  # "j E Y"


class SourceBase(models.Model):
    """A public or internal source supporting facts about a record."""

    url = models.URLField(_("URL"), max_length=500, blank=True)
    publisher = models.CharField(_("publisher"), max_length=200)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    supports = models.CharField(
        _("what it supports"),
        max_length=300,
        blank=True,
        help_text=_("Which facts this source supports, e.g. dates, venue, sectors."),
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.publisher
