"""A company books two tables, confirms by e-mail and cancels one; the first company on the
waiting list gets the freed place and sees it."""

import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from companies.models import Booking
from companies.tokens import registration_token
from tests.e2e.accessibility import serious_violations
from tests.factories import (
    BookingFactory,
    ConfirmedRegistrationFactory,
    OpenEditionFactory,
    SectoralTableFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

ITALIAN_VAT = "00743110157"


def link_in_mail(to: str, kind: str) -> str:
    """The path of the last `kind` link ("confirm" or "manage") e-mailed to `to`."""
    messages = [message for message in mail.outbox if message.to == [to]]
    assert messages, f"no e-mail to {to}"
    match = re.search(rf"/(?:it|ru|en)/registration/{kind}/[^/\s]+/", messages[-1].body)
    assert match, f"no {kind} link in the e-mail “{messages[-1].subject}”"
    return match.group(0)


def field(page: Page, label: str):
    """A form field by its label, which ends with " *" when the field is required."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \*)?$"))


def tick(page: Page, checkbox_id: str):
    """Tick a checkbox as a person does: Bootstrap Italia draws the box on its label."""
    page.locator(f"label[for={checkbox_id}]").click()
    expect(page.locator(f"#{checkbox_id}")).to_be_checked()


def booking(page: Page, title: str):
    """One booking's section on the manage page, found by its table's title."""
    return page.locator("section.booking").filter(
        has=page.get_by_role("heading", name=title, exact=True)
    )


def test_company_books_two_tables_cancels_one_and_the_waiting_company_is_promoted(page: Page, site):
    edition = OpenEditionFactory(slug="xl-kazan", city_en="Kazan")
    mechanics = SectoralTableFactory(edition=edition, title_en="Mechanics", capacity=1)
    textiles = SectoralTableFactory(edition=edition, title_en="Textiles", capacity=5)
    SectoralTableFactory(edition=edition, title_en="Agrifood", capacity=5)

    # A company registers for two tables through the public form.
    page.goto(f"{site}/en/editions/{edition.slug}/register/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Register for edition")
    field(page, "Name of the organisation").fill("Officine Esempio S.p.A.")
    field(page, "Kind of organisation").select_option(label="SME")
    field(page, "Country").select_option("IT")
    field(page, "Tax identifier").fill(ITALIAN_VAT)
    field(page, "First name").fill("Anna")
    field(page, "Last name").fill("Rossi")
    field(page, "E-mail").fill("anna@example.org")
    field(page, "Language for our e-mails").select_option("en")
    for table in (mechanics, textiles):
        tick(page, f"id_tables_{table.pk}")
        page.locator(f"#id_proposal_kind_{table.pk}").select_option("commercial_partners")
        page.locator(f"#id_description_{table.pk}").fill(f"Distributors for {table.title_en}.")
    tick(page, "id_privacy_accepted")
    page.get_by_role("button", name="Send the registration").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    problems = {"sent": serious_violations(page)}

    # The e-mailed link asks for a confirmation; confirming opens the registration.
    page.goto(site + link_in_mail("anna@example.org", "confirm"))
    expect(page.locator("main")).to_contain_text("Officine Esempio S.p.A.")
    problems["confirm"] = serious_violations(page)
    page.get_by_role("button", name="Confirm my e-mail address").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your registration")
    expect(page.locator(".registration-status")).to_have_text("confirmed")
    expect(page.locator("section.booking")).to_have_count(2)
    expect(booking(page, "Mechanics")).to_contain_text("accepted")
    expect(booking(page, "Textiles")).to_contain_text("accepted")
    expect(page.locator("main")).not_to_contain_text("Agrifood")
    problems["manage"] = serious_violations(page)
    assert problems == {"sent": [], "confirm": [], "manage": []}
    manage_url = page.url

    # Meanwhile a Russian company queued for the full Mechanics table; it sees its place.
    waiting = BookingFactory(
        registration=ConfirmedRegistrationFactory(
            edition=edition,
            organisation__name="OOO Primer",
            language="en",
            contact__email="ivan@example.ru",
        ),
        table=mechanics,
        status=Booking.Status.WAITING,
        queued_at=timezone.now(),
    )
    waiting_page = page.context.new_page()
    waiting_page.goto(
        f"{site}/en/registration/manage/{registration_token(waiting.registration, 'manage')}/"
    )
    expect(booking(waiting_page, "Mechanics")).to_contain_text("position 1 on the waiting list")

    # The first company cancels its Mechanics booking, and keeps Textiles.
    page.goto(manage_url)
    booking(page, "Mechanics").get_by_role("button", name="Cancel this booking").click()

    expect(booking(page, "Mechanics")).to_contain_text("cancelled")
    expect(booking(page, "Mechanics").get_by_role("button")).to_have_count(0)
    expect(booking(page, "Textiles")).to_contain_text("accepted")

    # The waiting company is told by e-mail, and its page shows the accepted booking.
    promotion = [message for message in mail.outbox if message.to == ["ivan@example.ru"]][-1]
    assert "now accepted" in promotion.body
    waiting_page.goto(site + link_in_mail("ivan@example.ru", "manage"))
    expect(booking(waiting_page, "Mechanics")).to_contain_text("accepted")
    expect(booking(waiting_page, "Mechanics")).not_to_contain_text("waiting list")
