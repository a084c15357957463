import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from companies.models import normalise_tax_id
from tests.factories import ContactFactory, OrganisationFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("country", "raw", "stored"),
    [
        ("IT", "IT00743110157", "00743110157"),
        ("IT", "007 431 101 57", "00743110157"),
        ("RU", "7707083893", "7707083893"),  # INN of a legal entity
        ("RU", "500100732259", "500100732259"),  # INN of a person
        ("RU", "1027700132195", "1027700132195"),  # OGRN
    ],
)
def test_normalise_tax_id_accepts_valid_identifiers(country, raw, stored):
    assert normalise_tax_id(country, raw) == stored


@pytest.mark.parametrize(
    ("country", "raw", "message"),
    [
        ("IT", "00743110158", "is not a valid Italian VAT number"),
        ("IT", "abc", "is not a valid Italian VAT number"),
        ("RU", "7707083894", "is not a valid Russian INN"),
        ("RU", "1027700132196", "is not a valid Russian INN"),
        ("", "7707083893", "Choose the country"),
    ],
)
def test_normalise_tax_id_refuses_invalid_identifiers(country, raw, message):
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            normalise_tax_id(country, raw)
        text = error.value.messages[0]

    assert message in text


def test_organisation_clean_normalises_and_checks_the_region():
    organisation = OrganisationFactory.build(
        tax_id="IT 00743110157", region=RegionFactory(code="RU-LIP"), country="IT"
    )

    with pytest.raises(ValidationError) as error:
        organisation.full_clean()

    assert organisation.tax_id == "00743110157"
    assert set(error.value.message_dict) == {"region"}


def test_tax_id_unique_per_country_in_the_database():
    OrganisationFactory(country="IT", tax_id="00743110157")

    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(country="IT", tax_id="00743110157")


def test_organisations_without_tax_id_may_coexist():
    OrganisationFactory(tax_id="")
    OrganisationFactory(tax_id="")


def test_contact_email_is_stored_lowercase_and_unique_per_organisation():
    contact = ContactFactory.build(
        organisation=OrganisationFactory(), email="Anna.Rossi@Example.ORG"
    )
    contact.full_clean()
    contact.save()

    assert contact.email == "anna.rossi@example.org"
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactFactory(organisation=contact.organisation, email="anna.rossi@example.org")
