import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from sessions.models import Edition, Region, to_roman
from tests.factories import (
    EditionFactory,
    PlaceholderEditionFactory,
    RegionFactory,
    SectoralTableFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("number", "roman"),
    [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (27, "XXVII"), (28, "XXVIII"), (49, "XLIX")],
)
def test_to_roman(number, roman):
    assert to_roman(number) == roman


def test_edition_str_and_roman():
    edition = EditionFactory(number=27, city_it="Firenze")

    assert edition.roman == "XXVII"
    with translation.override("it"):
        assert str(edition) == "XXVII – Firenze"


def test_edition_end_before_start_is_refused_by_the_database():
    edition = EditionFactory()
    edition.end_date = edition.start_date - datetime.timedelta(days=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        edition.save()


def test_edition_end_before_start_names_the_rule_in_full_clean():
    edition = EditionFactory.build(
        start_date=datetime.date(2018, 11, 30), end_date=datetime.date(2018, 11, 29)
    )

    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            edition.full_clean()
        messages = error.value.message_dict

    assert messages["end_date"] == ["The end date cannot be before the start date."]


def test_edition_placeholder_cannot_carry_a_place():
    edition = PlaceholderEditionFactory()
    edition.city_it = "Roma"

    with pytest.raises(IntegrityError), transaction.atomic():
        edition.save()


def test_edition_date_precision_must_say_unknown_without_a_date():
    edition = EditionFactory()
    edition.start_date = None
    edition.end_date = None

    with pytest.raises(IntegrityError), transaction.atomic():
        edition.save()


def test_edition_number_is_unique_among_held_editions():
    EditionFactory(number=30)

    with pytest.raises(IntegrityError), transaction.atomic():
        EditionFactory(number=30)


def test_edition_number_may_repeat_after_a_postponement():
    EditionFactory(number=28, status=Edition.Status.POSTPONED)

    online = EditionFactory(number=28, status=Edition.Status.HELD_ONLINE, region=None, country="")

    assert Edition.objects.filter(number=28).count() == 2
    assert online.roman == "XXVIII"


def test_edition_region_must_be_in_host_country():
    edition = EditionFactory.build(region=RegionFactory(code="RU-LIP"), country="IT")

    with translation.override("it"), pytest.raises(ValidationError) as error:
        edition.full_clean()

    assert "region" in error.value.message_dict


def test_edition_display_date_for_placeholder():
    edition = PlaceholderEditionFactory()

    with translation.override("it"):
        assert edition.display_date == "data sconosciuta"
    assert edition.is_placeholder


def test_region_code_must_exist_in_iso_3166_2():
    region = Region(code="IT-99", country="IT", kind="region", name_it="Atlantide")

    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            region.full_clean()
        message = error.value.message_dict["code"][0]

    assert "“IT-99” is not an ISO 3166-2 code" in message


def test_region_province_code_is_not_a_region():
    region = Region(code="IT-FI", country="IT", kind="region", name_it="Firenze")

    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            region.full_clean()
        message = error.value.message_dict["code"][0]

    assert "is a province or city, not a region" in message


def test_region_code_must_match_country_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Region.objects.create(code="IT-52", country="RU", kind="region", name_it="Toscana")


def test_region_duplicate_code_is_refused():
    RegionFactory(code="IT-52")

    with pytest.raises(IntegrityError), transaction.atomic():
        Region.objects.create(code="IT-52", country="IT", kind="region", name_it="Toscana bis")


def test_table_unique_per_edition_sector_title():
    table = SectoralTableFactory(title_it="Meccanica")

    with pytest.raises(IntegrityError), transaction.atomic():
        SectoralTableFactory(edition=table.edition, sector=table.sector, title_it="Meccanica")


def test_table_capacity_must_be_positive():
    with pytest.raises(IntegrityError), transaction.atomic():
        SectoralTableFactory(capacity=0)


def test_translated_fields_fall_back_to_italian():
    edition = EditionFactory(city_it="Firenze", city_ru="Флоренция", city_en="")

    with translation.override("ru"):
        assert Edition.objects.get(pk=edition.pk).city == "Флоренция"
    with translation.override("en"):
        assert Edition.objects.get(pk=edition.pk).city == "Firenze"
