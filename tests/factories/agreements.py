import datetime

import factory

from agreements.models import Agreement, AgreementParty, AgreementSource

from .companies import OrganisationFactory
from .sessions import EditionFactory


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    slug = factory.Sequence(lambda n: f"agreement-{n}")
    edition = factory.SubFactory(EditionFactory)
    kind = Agreement.Kind.MEMORANDUM
    title_it = factory.Sequence(lambda n: f"Memorandum di intesa {n}")
    title_ru = factory.Sequence(lambda n: f"Меморандум о взаимопонимании {n}")
    title_en = factory.Sequence(lambda n: f"Memorandum of understanding {n}")
    date_signed = factory.Sequence(lambda n: datetime.date(2030, 6, 1) + datetime.timedelta(days=n))
    date_precision = "day"
    status = Agreement.Status.SIGNED
    evidence = "public"
    visibility = Agreement.Visibility.PUBLIC


class AgreementPartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementParty

    agreement = factory.SubFactory(AgreementFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    side = "IT"
    signatory_name = factory.Faker("name", locale="it_IT")
    signatory_title_it = "Presidente"


class AgreementSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementSource

    agreement = factory.SubFactory(AgreementFactory)
    url = factory.Sequence(lambda n: f"https://example.org/agreements/{n}")
    publisher = "Example Registry"
