"""Bad input in a real browser: messages next to the fields, and what was typed is kept."""

import pytest
from playwright.sync_api import Page, expect

from tests.factories import ConfirmedRegistrationFactory, OpenEditionFactory, SectoralTableFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_registration_form_bad_input_is_explained_next_to_each_field(page: Page, site):
    edition = OpenEditionFactory(slug="xl-kazan")
    table = SectoralTableFactory(edition=edition, title_en="Mechanics", title_it="Meccanica")
    ConfirmedRegistrationFactory(edition=edition, contact__email="taken@example.org")
    url = f"{site}/en/editions/{edition.slug}/register/"

    page.goto(url)
    page.get_by_role("button", name="Send the registration").click()
    expect(page.locator("#id_organisation_name_error")).to_contain_text("required")
    expect(page.locator("#id_privacy_accepted_error")).to_be_visible()

    page.fill("#id_organisation_name", "Officine Prova")
    page.select_option("#id_country", "IT")
    page.fill("#id_tax_id", "12345678901")
    page.fill("#id_email", "taken@example.org")
    page.click(f"label[for=id_tables_{table.pk}]")
    page.get_by_role("button", name="Send the registration").click()

    expect(page.locator("#id_tax_id_error")).to_contain_text("not a valid Italian VAT number")
    # Whether the address is registered is said only in an e-mail to it, never here.
    expect(page.locator("#id_email_error")).to_have_count(0)
    expect(page.locator("body")).not_to_contain_text("already registered")
    expect(page.locator(f"#id_description_{table.pk}_error")).to_be_visible()
    expect(page.locator("#id_organisation_name")).to_have_value("Officine Prova")
    expect(page.locator("#id_tax_id")).to_have_value("12345678901")
    expect(page.locator(f"#id_tables_{table.pk}")).to_be_checked()
