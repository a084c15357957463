"""Agreements in the back office: documents, lifecycle, read-only after signature, report."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreements.models import Agreement, AgreementDocument
from tests.factories import (
    AgreementDocumentFactory,
    AgreementFactory,
    AgreementPartyFactory,
    EditionFactory,
    OutcomeFactory,
)
from tests.factories.agreements import pdf_bytes

pytestmark = pytest.mark.django_db


def management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def agreement_post(agreement, **extra):
    data = {
        "kind": agreement.kind,
        "title_it": agreement.title_it,
        "slug": agreement.slug,
        "date_signed": agreement.date_signed.isoformat() if agreement.date_signed else "",
        "date_precision": agreement.date_precision,
        "visibility": agreement.visibility,
        "evidence": agreement.evidence,
    }
    for prefix in ("parties", "sources", "documents", "relations", "outcomes", "transitions"):
        data.update(management(prefix))
    data.update(extra)
    return data


def test_staff_uploads_a_pdf_on_the_agreement_page(staff_client):
    agreement = AgreementFactory(status="draft")
    data = agreement_post(agreement, **management("documents", total=1))
    data.update({"documents-0-language": "ru", "documents-0-is_public": "on"})
    data["documents-0-file"] = SimpleUploadedFile("testo.pdf", pdf_bytes(), "application/pdf")

    response = staff_client.post(
        reverse("admin:agreements_agreement_change", args=[agreement.pk]), data
    )

    assert response.status_code == 302
    document = AgreementDocument.objects.get()
    assert (document.language, document.pages) == ("ru", 1)


def test_staff_upload_of_a_fake_pdf_is_refused_next_to_the_field(staff_client, settings):
    settings.LANGUAGE_CODE = "it"
    agreement = AgreementFactory(status="draft")
    data = agreement_post(agreement, **management("documents", total=1))
    data.update({"documents-0-language": "it"})
    data["documents-0-file"] = SimpleUploadedFile(
        "falso.pdf", b"%PDF-1.4\n<html>no</html>", "application/pdf"
    )
    staff_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = staff_client.post(
        reverse("admin:agreements_agreement_change", args=[agreement.pk]), data
    )

    assert response.status_code == 200
    assert "The file is not a readable PDF document." in response.content.decode()
    assert not AgreementDocument.objects.exists()


def test_signed_agreement_locks_text_parties_date_and_documents(staff_client):
    agreement = AgreementFactory(status="signed")
    AgreementPartyFactory(agreement=agreement)
    AgreementDocumentFactory(agreement=agreement)

    content = staff_client.get(
        reverse("admin:agreements_agreement_change", args=[agreement.pk])
    ).content.decode()

    assert 'name="title_it"' not in content
    assert 'name="date_signed"' not in content
    assert 'name="parties-0-organisation"' not in content
    assert 'name="documents-0-language" disabled' in content
    assert 'name="documents-0-DELETE"' not in content
    assert 'name="visibility"' in content  # still editable
    assert 'name="outcomes-TOTAL_FORMS"' in content  # follow-up stays open


def test_a_missing_language_can_be_added_to_a_signed_agreement(staff_client):
    agreement = AgreementFactory(status="signed")
    stored = AgreementDocumentFactory(agreement=agreement, language="it")
    data = agreement_post(agreement, **management("documents", total=2, initial=1))
    # A tampered stored row (its fields are disabled) changes nothing.
    data.update({"documents-0-id": str(stored.pk), "documents-0-language": "en"})
    data.update({"documents-1-language": "ru", "documents-1-is_public": "on"})
    data["documents-1-file"] = SimpleUploadedFile("testo.pdf", pdf_bytes(2), "application/pdf")

    response = staff_client.post(
        reverse("admin:agreements_agreement_change", args=[agreement.pk]), data
    )

    assert response.status_code == 302
    assert sorted(agreement.documents.values_list("language", "pages")) == [
        ("it", stored.pages),
        ("ru", 2),
    ]


def test_change_status_action_moves_along_the_lifecycle_and_refuses_illegal_moves(staff_client):
    good = AgreementFactory(status="signed")
    bad = AgreementFactory(status="draft", date_signed=None, date_precision="unknown")
    url = reverse("admin:agreements_agreement_changelist")

    form = staff_client.post(url, {"action": "change_status", "_selected_action": [good.pk]})
    staff_client.post(
        url,
        {
            "action": "change_status",
            "_selected_action": [good.pk, bad.pk],
            "to": "in_force",
            "on": "2031-05-01",
            "note": "Ratificato",
        },
    )

    assert 'name="to"' in form.content.decode()
    assert Agreement.objects.get(pk=good.pk).status == "in_force"
    assert Agreement.objects.get(pk=bad.pk).status == "draft"
    assert Agreement.objects.get(pk=good.pk).transitions.get().note == "Ratificato"


def test_staff_only_document_is_served_only_to_permitted_staff(client, django_user_model):
    document = AgreementDocumentFactory(agreement__visibility="staff", is_public=False)
    url = reverse("admin:agreements_agreementdocument_download", args=[document.pk])
    public_url = document.get_absolute_url()
    clerk = django_user_model.objects.create_user("clerk", password="x" * 12, is_staff=True)
    viewer = django_user_model.objects.create_user("viewer", password="x" * 12, is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_agreementdocument"))

    anonymous = client.get(url)
    anonymous_public = client.get(public_url)
    client.force_login(clerk)
    forbidden = client.get(url)
    client.force_login(viewer)
    allowed = client.get(url)

    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    assert anonymous_public.status_code == 404
    assert document.agreement.title_it not in anonymous_public.content.decode()
    assert forbidden.status_code == 403
    assert allowed.status_code == 200
    assert allowed["Content-Type"] == "application/pdf"
    assert allowed["X-Content-Type-Options"] == "nosniff"
    assert allowed["Content-Disposition"].startswith('attachment; filename="')
    assert b"".join(allowed.streaming_content).startswith(b"%PDF-")


def test_report_counts_agreements_and_outcomes_of_an_edition(staff_client):
    edition = EditionFactory()
    AgreementFactory.create_batch(2, edition=edition, kind="memorandum", status="signed")
    in_force = AgreementFactory(edition=edition, kind="memorandum", status="in_force")
    AgreementFactory(kind="memorandum", status="signed")  # another edition
    OutcomeFactory(agreement=in_force, amount=1000000, currency="EUR")
    OutcomeFactory(agreement=in_force, amount=500000, currency="EUR")
    OutcomeFactory(agreement=in_force, kind="jobs", amount=None, currency="", jobs=40)
    url = reverse("admin:agreements_agreement_report")

    report = staff_client.get(url, {"edition": edition.pk}).context["report"]
    xlsx = staff_client.get(url, {"edition": edition.pk, "format": "xlsx"})

    assert report["total"] == 3
    memorandum = report["rows"][0]
    assert memorandum["total"] == 3 and sorted(memorandum["counts"]) == [1, 2]
    announced = next(row for row in report["outcomes"] if row["count"] == 2)
    assert announced["eur"] == 1500000
    assert next(row for row in report["outcomes"] if row["jobs"])["jobs"] == 40
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
