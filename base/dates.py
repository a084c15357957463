"""Dates written only as precisely as the sources allow, in the active language."""

import datetime

from django.utils.dates import MONTHS, MONTHS_ALT
from django.utils.translation import get_language, pgettext

from .enums import DatePrecision


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
    # "E": the month's name as it stands after a day number (genitive in Russian).
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
