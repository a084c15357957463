import datetime

import factory
from django.core.files.base import ContentFile

from agreements.models import (
    Agreement,
    AgreementDocument,
    AgreementParty,
    AgreementSource,
    Outcome,
    WorkProgrammeAction,
)

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


def pdf_bytes(pages: int = 1) -> bytes:
    """A real PDF made with pypdf, for upload tests."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


class AgreementDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementDocument

    agreement = factory.SubFactory(AgreementFactory)
    language = "it"
    file = factory.LazyFunction(lambda: ContentFile(pdf_bytes(), name="testo.pdf"))
    size = factory.LazyAttribute(lambda o: len(pdf_bytes()))
    pages = 1
    is_public = True


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    agreement = factory.SubFactory(AgreementFactory)
    date = datetime.date(2031, 3, 1)
    kind = Outcome.Kind.INVESTMENT_ANNOUNCED
    amount = 1500000
    currency = "EUR"
    description_it = "Investimento annunciato in un nuovo stabilimento."
    is_public = True


class WorkProgrammeActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkProgrammeAction

    agreement = factory.SubFactory(
        AgreementFactory,
        kind=Agreement.Kind.WORK_PROGRAMME,
        period_start=datetime.date(2031, 1, 1),
        period_end=datetime.date(2033, 12, 31),
    )
    year = 2031
    title_it = "Missione di sistema"
    progress = WorkProgrammeAction.Progress.IN_PROGRESS
