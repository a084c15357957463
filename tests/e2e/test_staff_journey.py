"""Staff in the back office: log in, accept a booking, export the registrations to XLSX,
upload the signed PDF of an agreement and bring the agreement into force."""

import io
import zipfile

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from agreements.models import Agreement
from sessions.models import BookingMode
from tests.factories import (
    AgreementFactory,
    BookingFactory,
    ConfirmedRegistrationFactory,
    OpenEditionFactory,
    SectoralTableFactory,
)
from tests.factories.agreements import pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password-for-the-desk"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser(
        username="desk", email="desk@example.org", password=PASSWORD
    )


def run_action(page: Page, row_text: str, action: str):
    """Tick the changelist row that shows `row_text`, choose `action` and run it."""
    row = page.locator("#result_list tbody tr").filter(has_text=row_text)
    row.locator("input.action-select").check()
    page.locator("select[name=action]").select_option(label=action)
    page.get_by_role("button", name="Run").click()


def test_staff_accepts_a_booking_exports_xlsx_and_brings_an_agreement_into_force(
    page: Page, site, staff
):
    edition = OpenEditionFactory(booking_mode=BookingMode.APPROVAL)
    table = SectoralTableFactory(edition=edition, title_en="Mechanics", capacity=3)
    BookingFactory(
        registration=ConfirmedRegistrationFactory(
            edition=edition, organisation__name="Officine Esempio S.p.A."
        ),
        table=table,
    )
    agreement = AgreementFactory(
        status=Agreement.Status.DRAFT,
        title_it="Protocollo di cooperazione tessile",
        title_en="Textile cooperation protocol",
        slug="textile-protocol",
    )

    # Log in with username and password: the back office speaks Italian until staff choose
    # another language in its header.
    page.goto(f"{site}/admin/")
    page.get_by_label("Nome utente").fill("desk")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Accedi").click()
    page.get_by_role("button", name="EN", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#site-name")).to_contain_text("Task Force Portal")

    # Accept the submitted booking.
    page.goto(f"{site}/admin/companies/booking/")
    run_action(page, "Officine Esempio", "Accept the selected bookings (within capacity)")
    expect(page.locator(".messagelist")).to_contain_text("1 bookings accepted.")
    row = page.locator("#result_list tbody tr").filter(has_text="Officine Esempio")
    expect(row.locator("td.field-status")).to_have_text("accepted")

    # Export the registrations (one row per booking) to a spreadsheet.
    page.get_by_role("link", name="Export").click()
    page.get_by_label("Format").select_option(label="xlsx")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Submit").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    content = download.path().read_bytes()
    assert zipfile.is_zipfile(io.BytesIO(content))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert "organisation" in rows[0] and "booking status" in rows[0]
    assert any("Officine Esempio S.p.A." in row and "accepted" in row for row in rows[1:])

    # Upload the Russian text of the agreement as a PDF.
    page.goto(f"{site}/admin/agreements/agreement/{agreement.pk}/change/")
    page.get_by_role("button", name="Add another Document").click()
    document_row = page.locator("#documents-group tr.dynamic-documents").last
    document_row.locator("select[name$=language]").select_option("ru")
    document_row.locator("input[type=file]").set_input_files(
        files=[{"name": "protocol-ru.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes(2)}]
    )
    # A document is private until staff make it public.
    public = document_row.locator("input[type=checkbox][name$=is_public]")
    expect(public).not_to_be_checked()
    public.check()
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(page.locator("#documents-group")).to_contain_text("Russian")
    expect(page.locator("#documents-group").get_by_role("link", name="download")).to_have_count(1)

    # Sign it, then bring it into force, through the lifecycle action.
    for status in ("signed", "in force"):
        page.goto(f"{site}/admin/agreements/agreement/")
        run_action(
            page, "Textile cooperation protocol", "Change the status of the selected agreements"
        )
        page.get_by_label("New status").select_option(label=status)
        page.get_by_role("button", name="Change the status").click()
        expect(page.locator(".messagelist")).to_contain_text(f"is now “{status}”")

    # The public page shows the agreement in force, with its signed text.
    page.goto(f"{site}/en/agreements/{agreement.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Textile cooperation protocol")
    expect(page.locator(".agreement-status")).to_have_text("in force")
    expect(page.get_by_role("link", name="Text in Russian")).to_be_visible()
    expect(page.locator("ul.documents")).to_contain_text("2 pages")
