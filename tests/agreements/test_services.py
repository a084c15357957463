import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from agreements import services
from agreements.models import Agreement, AgreementDocument, AgreementTransition
from tests.factories import AgreementFactory
from tests.factories.agreements import pdf_bytes

pytestmark = pytest.mark.django_db

S = Agreement.Status


def upload(content: bytes, name="documento.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def zip_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "ciao")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<html><body>not a pdf</body></html>", "not a PDF"),
        (b"%PDF-1.4\n<html><body>fake</body></html>", "not a readable PDF"),
        (b"", "empty"),
        (zip_bytes(), "not a PDF"),
    ],
    ids=["html-renamed", "pdf-header-then-html", "empty", "zip-renamed"],
)
def test_document_upload_refuses_what_is_not_a_pdf(content, message, settings):
    agreement = AgreementFactory(status=S.DRAFT)

    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.agreement_document_attach(
            agreement=agreement, language="it", upload=upload(content)
        )

    assert message in " ".join(error.value.messages)
    assert not AgreementDocument.objects.exists()
    assert (
        not any(settings.PRIVATE_MEDIA_ROOT.rglob("*.pdf"))
        if settings.PRIVATE_MEDIA_ROOT.exists()
        else True
    )


def test_document_upload_refuses_an_oversized_file(settings):
    settings.AGREEMENT_DOCUMENT_MAX_BYTES = 1000
    agreement = AgreementFactory(status=S.DRAFT)

    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.agreement_document_attach(
            agreement=agreement, language="it", upload=upload(pdf_bytes(pages=20))
        )

    assert "too large" in error.value.messages[0]
    assert not AgreementDocument.objects.exists()


def test_document_upload_stores_a_real_pdf_under_a_server_made_name(settings):
    agreement = AgreementFactory(status=S.DRAFT)

    document = services.agreement_document_attach(
        agreement=agreement,
        language="ru",
        upload=upload(pdf_bytes(pages=2), name="../../etc/passwd.pdf"),
    )

    assert document.pages == 2
    assert document.original_name == "passwd.pdf"  # the path part never reaches us
    assert "passwd" not in document.file.name
    assert document.file.name.startswith("agreements/")
    assert (settings.PRIVATE_MEDIA_ROOT / document.file.name).exists()


def test_document_of_a_signed_agreement_cannot_be_replaced():
    agreement = AgreementFactory(status=S.DRAFT)
    services.agreement_document_attach(
        agreement=agreement, language="it", upload=upload(pdf_bytes())
    )
    services.agreement_transition(agreement=agreement, to=S.SIGNED)

    with pytest.raises(ValidationError):
        services.agreement_document_attach(
            agreement=agreement, language="it", upload=upload(pdf_bytes(pages=3))
        )

    assert AgreementDocument.objects.get().pages == 1


ALLOWED = [
    (source, target) for source, targets in Agreement.TRANSITIONS.items() for target in targets
]
ILLEGAL = [
    (S.DRAFT, S.IN_FORCE),
    (S.DRAFT, S.IMPLEMENTED),
    (S.SIGNED, S.DRAFT),
    (S.IN_FORCE, S.SIGNED),
    (S.IMPLEMENTED, S.IN_FORCE),
    (S.TERMINATED, S.IN_FORCE),
    (S.SUPERSEDED, S.SIGNED),
    (S.EXPIRED, S.IN_FORCE),
]


@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_transition_allowed_moves_are_recorded(source, target, django_user_model):
    user = django_user_model.objects.create_user("editor", password="x" * 12)
    agreement = AgreementFactory(status=source)

    services.agreement_transition(
        agreement=agreement, to=target, by=user, note="Verbale", on=datetime.date(2031, 5, 1)
    )

    agreement.refresh_from_db()
    step = AgreementTransition.objects.get()
    assert agreement.status == target
    assert (step.from_status, step.to_status, step.by, step.note) == (
        source,
        target,
        user,
        "Verbale",
    )
    assert step.date == datetime.date(2031, 5, 1)


@pytest.mark.parametrize(("source", "target"), ILLEGAL)
def test_transition_illegal_moves_are_refused_with_a_message(source, target):
    agreement = AgreementFactory(status=source)

    with pytest.raises(services.TransitionError) as error:
        services.agreement_transition(agreement=agreement, to=target)

    agreement.refresh_from_db()
    assert agreement.status == source
    assert not AgreementTransition.objects.exists()
    assert "cannot become" in str(error.value) or "non può diventare" in str(error.value)


def test_transition_to_signed_needs_the_date_of_signature():
    agreement = AgreementFactory(status=S.DRAFT, date_signed=None, date_precision="unknown")

    with pytest.raises(services.TransitionError):
        services.agreement_transition(agreement=agreement, to=S.SIGNED)

    assert Agreement.objects.get(pk=agreement.pk).status == S.DRAFT
