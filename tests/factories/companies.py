import uuid

import factory
from django.utils import timezone

from companies.models import (
    Booking,
    CompanyVisit,
    Contact,
    District,
    EditionOrganiser,
    Organisation,
    Registration,
)

from .sessions import RegionFactory

# Checksum-valid Italian VAT numbers built from a sequence (Luhn check digit).


def _italian_vat(n: int) -> str:
    body = f"{n:07d}001"  # 7 digits of number, office code 001
    digits = [int(d) for d in body]
    total = 0
    for i, d in enumerate(digits):
        if i % 2 == 1:
            d *= 2
            d = d - 9 if d > 9 else d
        total += d
    return body + str((10 - total % 10) % 10)


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    slug = factory.Sequence(lambda n: f"district-{n}")
    name_it = factory.Sequence(lambda n: f"Distretto {n}")
    name_ru = factory.Sequence(lambda n: f"Округ {n}")
    name_en = factory.Sequence(lambda n: f"District {n}")
    kind = District.Kind.INDUSTRIAL_DISTRICT
    country = "IT"
    region = factory.SubFactory(RegionFactory, code="IT-52")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Impresa Esempio {n} S.r.l.")
    slug = factory.Sequence(lambda n: f"impresa-esempio-{n}")
    kind = Organisation.Kind.SME
    size = Organisation.Size.SMALL
    country = "IT"
    region = factory.SubFactory(RegionFactory, code="IT-52")
    city = "Firenze"
    tax_id = factory.Sequence(lambda n: _italian_vat(n + 1))


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    organisation = factory.SubFactory(OrganisationFactory)
    first_name = factory.Faker("first_name", locale="it_IT")
    last_name = factory.Faker("last_name", locale="it_IT")
    role = "Export manager"
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    phone = "+39 055 000000"
    preferred_language = "it"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    submission_key = factory.LazyFunction(uuid.uuid4)
    edition = factory.SubFactory("tests.factories.sessions.OpenEditionFactory")
    organisation = factory.SubFactory(OrganisationFactory)
    contact = factory.SubFactory(
        ContactFactory, organisation=factory.SelfAttribute("..organisation")
    )
    language = "it"
    privacy_accepted_at = factory.LazyFunction(timezone.now)
    privacy_version = "1"


class ConfirmedRegistrationFactory(RegistrationFactory):
    status = Registration.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    registration = factory.SubFactory(ConfirmedRegistrationFactory)
    table = factory.SubFactory(
        "tests.factories.sessions.SectoralTableFactory",
        edition=factory.SelfAttribute("..registration.edition"),
    )
    organisation = factory.SelfAttribute("registration.organisation")
    # A booking asks for a place only once its registration is confirmed.
    status = factory.LazyAttribute(
        lambda o: (
            Booking.Status.PENDING
            if o.registration.status == Registration.Status.PENDING
            else Booking.Status.SUBMITTED
        )
    )
    proposal_kind = Booking.ProposalKind.COMMERCIAL_PARTNERS
    offers = "Macchine utensili"
    seeks = "Distributori"
    description = "Cerchiamo distributori in Russia."


class EditionOrganiserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EditionOrganiser

    edition = factory.SubFactory("tests.factories.sessions.EditionFactory")
    organisation = factory.SubFactory(OrganisationFactory)
    role_it = "Organizzatore"


class CompanyVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompanyVisit

    edition = factory.SubFactory("tests.factories.sessions.EditionFactory")
    host = factory.SubFactory(OrganisationFactory)
    sector = factory.SubFactory("tests.factories.sessions.SectorFactory")
    date = factory.LazyAttribute(lambda o: o.edition.end_date)
    place_it = "Stabilimento"
    description_it = "Visita allo stabilimento."
