"""A visitor browses the archive in three languages, and the pages pass axe."""

import re

import pytest
from playwright.sync_api import Page, expect

from archive.loader import history_load_file
from tests.e2e.accessibility import serious_violations
from tests.factories import OpenEditionFactory, RegionFactory, SectoralTableFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def history():
    history_load_file()


def test_visitor_switches_language_filters_by_russian_region_and_opens_florence(
    page: Page, site, history
):
    page.goto(f"{site}/it/")
    expect(page.locator("html")).to_have_attribute("lang", "it")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Task Force italo-russa")

    page.get_by_role("link", name=re.compile("RU")).first.click()
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    page.get_by_role("link", name=re.compile("EN")).first.click()
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.goto(f"{site}/en/editions/")
    page.select_option("#id_region", label="Lipetsk Oblast")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("table.editions tbody tr")).to_have_count(1)
    expect(page.locator("table.editions")).to_contain_text("XIII")

    page.goto(f"{site}/en/editions/xxvii-firenze-2018/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("XXVII")
    expect(page.locator("main")).to_contain_text("Fortezza da Basso")
    expect(page.locator("ul.company-visits li")).to_have_count(4)
    expect(page.locator("ul.sectoral-tables li")).to_have_count(4)


@pytest.mark.parametrize("language", ["it", "ru", "en"])
def test_public_pages_have_no_serious_accessibility_violations(page: Page, site, history, language):
    edition = OpenEditionFactory(
        number=40, slug="xl-kazan", region=RegionFactory(code="RU-TA"), city_it="Kazan"
    )
    SectoralTableFactory(edition=edition, capacity=12)
    paths = [
        "",
        "editions/",
        "editions/xxvii-firenze-2018/",
        "visits/",
        "agreements/",
        "agreements/protocollo-xii-napoli-2007/",
        "regions/",
        "organisations/mise/",
        f"editions/{edition.slug}/register/",
        "about/",
        "privacy/",
        "accessibility/",
        "legal/",
    ]
    problems = {}
    for path in paths:
        page.goto(f"{site}/{language}/{path}")
        if serious := serious_violations(page):
            problems[path] = serious

    # The registration form sent empty: every field explains what is missing.
    page.goto(f"{site}/{language}/editions/{edition.slug}/register/")
    page.locator("form.registration-form button[type=submit]").click()
    expect(page.locator("#form-errors")).to_be_visible()
    if serious := serious_violations(page):
        problems["registration form with errors"] = serious

    assert problems == {}
