"""The registration desk in the admin: actions, exports, imports, participant lists."""

import csv
import io

import openpyxl
import pytest
from django.core import mail
from django.urls import reverse

from companies.models import Booking, Contact, Organisation
from sessions.models import SectoralTable
from tests.factories import BookingFactory, OpenEditionFactory, SectoralTableFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:companies_booking_changelist"


def run_action(client, action, bookings, **extra):
    return client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [b.pk for b in bookings], **extra},
        follow=True,
    )


def test_accept_action_respects_capacity_and_emails_in_the_registrants_language(
    staff_client, django_capture_on_commit_callbacks
):
    table = SectoralTableFactory(capacity=1, edition=OpenEditionFactory(booking_mode="approval"))
    russian = BookingFactory(
        table=table, registration__edition=table.edition, registration__language="ru"
    )
    other = BookingFactory(table=table, registration__edition=table.edition)

    with django_capture_on_commit_callbacks(execute=True):
        response = run_action(staff_client, "accept", [russian, other])

    statuses = dict(Booking.objects.values_list("pk", "status"))
    content = response.content.decode()
    assert sorted(statuses.values()) == ["accepted", "submitted"]
    assert SectoralTable.objects.get(pk=table.pk).accepted_count == 1
    assert "1 bookings accepted." in content or "1 prenotazioni accettate." in content
    assert "full" in content or "completo" in content or "пол" in content
    assert len(mail.outbox) == 1


def test_reject_action_asks_for_a_reason_then_rejects(staff_client):
    booking = BookingFactory()

    form = run_action(staff_client, "reject", [booking])
    done = run_action(staff_client, "reject", [booking], reason="Proposta fuori tema")

    booking.refresh_from_db()
    assert 'name="reason"' in form.content.decode()
    assert booking.status == "rejected"
    assert booking.rejection_reason == "Proposta fuori tema"
    assert done.status_code == 200


def test_move_to_waiting_and_mark_attended_actions(staff_client):
    table = SectoralTableFactory(capacity=2, edition=OpenEditionFactory(booking_mode="approval"))
    first = BookingFactory(table=table, registration__edition=table.edition)
    second = BookingFactory(table=table, registration__edition=table.edition)
    run_action(staff_client, "accept", [first, second])

    run_action(staff_client, "move_to_waiting", [second])
    run_action(staff_client, "mark_attended", [first])

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.attended) == ("accepted", True)
    assert second.status == "waiting"
    assert SectoralTable.objects.get(pk=table.pk).accepted_count == 1


def export(client, file_format):
    # The export form lists the formats in this order: XLSX, CSV.
    return client.post(
        reverse("admin:companies_booking_export"),
        {"format": file_format, "export_items": [], "resource": 0, **EXPORT_FIELDS},
    )


EXPORT_FIELDS = {
    f"bookingexportresource_{name}": "on"
    for name in (
        "organisation",
        "country",
        "tax_id",
        "contact",
        "email",
        "table",
        "booking_status",
        "proposal",
        "description",
    )
}


def test_export_to_xlsx_has_one_row_per_booking_with_the_proposal(staff_client):
    booking = BookingFactory(
        registration__organisation__name="Officine Ёлка", description="Proposta «speciale»"
    )

    response = export(staff_client, 0)

    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(workbook.active.values)
    assert len(rows) == 2
    header, row = rows
    assert "organisation" in header and "description" in header
    assert "Officine Ёлка" in row
    assert "Proposta «speciale»" in row
    assert booking.registration.contact.email in row


def test_export_to_csv_opens_in_excel_with_accents_and_cyrillic(staff_client):
    BookingFactory(registration__organisation__name="Società Ёлка")

    response = export(staff_client, 1)

    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    assert "Società Ёлка" in content


HOSTILE_NAME = '=HYPERLINK("http://evil.example/","Clic")'


def hostile_booking():
    """What a registrant can type on the public form, and what staff can type in a form
    without a check: formulas, and an invisible control character."""
    booking = BookingFactory(
        registration__organisation__name=HOSTILE_NAME,
        description="@SUM(1+1)*cmd|' /C calc'!A0",
        offers="-2+3",
        seeks="+39 055 000000",
    )
    Contact.objects.filter(pk=booking.registration.contact_id).update(first_name="Anna\x07")
    return booking


def test_exported_csv_holds_no_formula(staff_client):
    hostile_booking()

    content = export(staff_client, 1).content.decode("utf-8").lstrip("\ufeff")

    cells = [cell for row in csv.reader(io.StringIO(content)) for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert f"'{HOSTILE_NAME}" in cells
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in cells  # shown as typed, never run


def test_exported_xlsx_holds_no_formula_and_survives_control_characters(staff_client):
    hostile_booking()

    response = export(staff_client, 0)

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert response.status_code == 200
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    values = {cell.value for cell in cells}
    assert f"'{HOSTILE_NAME}" in values
    assert any(str(value).startswith("Anna\N{REPLACEMENT CHARACTER}") for value in values)


def test_printable_participant_list(staff_client):
    table = SectoralTableFactory(capacity=5, edition=OpenEditionFactory())
    booking = BookingFactory(
        table=table, registration__edition=table.edition, registration__organisation__name="Malo"
    )
    run_action(staff_client, "accept", [booking])

    content = staff_client.get(
        reverse("admin:companies_booking_participants", args=[table.pk])
    ).content.decode()

    assert "Malo" in content
    assert str(booking.registration.contact) in content
    assert "@media print" in content


def test_edition_admin_shows_each_tables_occupancy(staff_client):
    table = SectoralTableFactory(capacity=3, edition=OpenEditionFactory())
    booking = BookingFactory(table=table, registration__edition=table.edition)
    run_action(staff_client, "accept", [booking])

    content = staff_client.get(
        reverse("admin:tf_sessions_edition_change", args=[table.edition.pk])
    ).content.decode()

    assert "1 di 3 accettate, 2 libere" in content or "1 of 3 accepted, 2 left" in content


def import_file(client, url_name, csv_text):
    upload = io.BytesIO(csv_text.encode("utf-8"))
    upload.name = "lista.csv"
    preview = client.post(reverse(url_name), {"format": 0, "import_file": upload, "resource": 0})
    return preview


def confirm_import(client, url_name, preview):
    form = preview.context["confirm_form"]
    return client.post(
        reverse(url_name.replace("_import", "_process_import")), form.initial, follow=True
    )


def test_organisation_import_previews_and_does_not_duplicate_on_reimport(staff_client):
    csv_text = "name,kind,country,tax_id,city\nOfficine Esempio S.p.A.,sme,IT,00743110157,Prato\n"
    url = "admin:companies_organisation_import"

    first = import_file(staff_client, url, csv_text)
    confirm_import(staff_client, url, first)
    second = import_file(staff_client, url, csv_text)
    confirm_import(staff_client, url, second)

    assert "Officine Esempio" in first.content.decode()
    assert Organisation.objects.filter(tax_id="00743110157").count() == 1


def test_organisation_import_reports_bad_rows(staff_client):
    csv_text = "name,kind,country,tax_id,city\nBad S.r.l.,sme,IT,12345678901,Roma\n"

    preview = import_file(staff_client, "admin:companies_organisation_import", csv_text)

    content = preview.content.decode()
    assert "12345678901" in content
    assert "partita IVA" in content or "VAT" in content
    assert not Organisation.objects.exists()


def test_contact_import_attaches_to_the_organisation_by_tax_identifier(staff_client):
    from tests.factories import OrganisationFactory

    OrganisationFactory(tax_id="00743110157")
    csv_text = (
        "organisation_tax_id,first_name,last_name,email\n00743110157,Anna,Rossi,ANNA@example.org\n"
    )
    url = "admin:companies_contact_import"

    confirm_import(staff_client, url, import_file(staff_client, url, csv_text))
    confirm_import(staff_client, url, import_file(staff_client, url, csv_text))

    assert list(Contact.objects.values_list("email", flat=True)) == ["anna@example.org"]


REGISTRATION_CSV = (
    "edition,table,organisation,kind,country,tax_id,city,first_name,last_name,email,phone,"
    "language,proposal_kind,description,offers,seeks\n"
    "{slug},Meccanica,Officine Esempio S.p.A.,sme,IT,00743110157,Prato,Anna,Rossi,"
    "anna@example.org,,it,commercial_partners,Cerchiamo distributori,Macchine,Partner\n"
    "{slug},Meccanica,ООО Пример,sme,RU,7707083893,Казань,Иван,Петров,"
    "ivan@example.ru,,ru,direct_investment,Инвестиции,,\n"
)


def test_registration_import_previews_then_creates_confirmed_registrations_once(staff_client):
    edition = OpenEditionFactory(slug="xl-kazan")
    table = SectoralTableFactory(edition=edition, title_it="Meccanica", capacity=1)
    url = "admin:companies_registration_import"
    csv_text = REGISTRATION_CSV.format(slug=edition.slug)

    preview = import_file(staff_client, url, csv_text)
    assert "Officine Esempio" in preview.content.decode()
    assert not Organisation.objects.exists()  # the preview saves nothing
    confirm_import(staff_client, url, preview)
    confirm_import(staff_client, url, import_file(staff_client, url, csv_text))

    bookings = Booking.objects.filter(table=table).order_by("pk")
    assert [b.status for b in bookings] == ["accepted", "waiting"]
    assert Organisation.objects.count() == 2
    assert Contact.objects.count() == 2
    assert {b.registration.status for b in bookings} == {"confirmed"}
    assert SectoralTable.objects.get(pk=table.pk).accepted_count == 1


def test_registration_import_reports_each_bad_row(staff_client):
    edition = OpenEditionFactory(slug="xl-kazan")
    SectoralTableFactory(edition=edition, title_it="Meccanica")
    csv_text = (
        "edition,table,organisation,kind,country,tax_id,city,first_name,last_name,email,phone,"
        "language,proposal_kind,description,offers,seeks\n"
        "nessuna,Meccanica,A,sme,IT,00743110157,,Anna,Rossi,a@example.org,,it,financing,x,,\n"
        "xl-kazan,Moda,B,sme,IT,00743110157,,Anna,Rossi,a@example.org,,it,financing,x,,\n"
        "xl-kazan,Meccanica,C,sme,IT,12345678901,,Anna,Rossi,a@example.org,,it,financing,x,,\n"
    )

    preview = import_file(staff_client, "admin:companies_registration_import", csv_text)

    content = preview.content.decode()
    assert "Nessuna edizione ha questo identificativo." in content or "No edition" in content
    assert "Moda" in content
    assert "12345678901" in content
    assert not Organisation.objects.exists()
