import datetime

import pytest
from django.utils import translation

from base.dates import format_approximate_date

D = datetime.date


@pytest.mark.parametrize(
    ("language", "start", "end", "precision", "expected"),
    [
        ("it", D(2018, 11, 29), D(2018, 11, 30), "day", "29–30 novembre 2018"),
        ("en", D(2018, 11, 29), D(2018, 11, 30), "day", "29–30 November 2018"),
        ("ru", D(2018, 11, 29), D(2018, 11, 30), "day", "29–30 ноября 2018"),
        ("it", D(2017, 10, 1), None, "month", "ottobre 2017"),
        ("it", D(2003, 1, 1), None, "year", "2003"),
        ("it", D(2006, 10, 26), None, "day", "26 ottobre 2006"),
        ("it", D(2013, 5, 27), D(2013, 6, 2), "day", "27 maggio – 2 giugno 2013"),
        ("en", D(2013, 12, 30), D(2014, 1, 2), "day", "30 December 2013 – 2 January 2014"),
    ],
)
def test_format_approximate_date_is_as_precise_as_the_source(
    language, start, end, precision, expected
):
    with translation.override(language):
        assert format_approximate_date(start, end, precision) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("it", "data sconosciuta"), ("ru", "дата неизвестна"), ("en", "date unknown")],
)
def test_format_approximate_date_unknown_says_so(language, expected):
    with translation.override(language):
        assert format_approximate_date(None, None, "unknown") == expected
