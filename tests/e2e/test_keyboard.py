"""Keyboard only: the language switcher, the editions filters and the registration form work
with Tab and Enter (Space ticks a checkbox, typing picks an option), and wherever the focus
lands it can be seen."""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.factories import EditionFactory, OpenEditionFactory, RegionFactory, SectoralTableFactory

pytestmark = pytest.mark.django_db(transaction=True)

# What marks the focused element once its transitions have ended: an outline or a box shadow
# that is drawn (not none, not transparent, not zero-sized). Bootstrap Italia draws the box of
# a checkbox on its label, so that is where a checkbox's focus shows.
FOCUS_INDICATOR = """(element) => {
  const target = element.matches(".form-check input") && element.labels.length
    ? element.labels[0] : element;
  // Jump to the end of the focus transitions instead of waiting for them.
  [...element.getAnimations(), ...target.getAnimations()]
    .filter((animation) => animation.effect.getTiming().iterations !== Infinity)
    .forEach((animation) => animation.finish());
  const style = getComputedStyle(target);
  const seen = (colour) => {
    const parts = (colour.match(/[\\d.]+/g) || []).map(Number);
    return colour !== "transparent" && (parts.length < 4 || parts[3] > 0);
  };
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
    && seen(style.outlineColor);
  const shadows = style.boxShadow === "none" ? [] : style.boxShadow.split(/,(?![^(]*\\))/);
  const shadow = shadows.some((one) => {
    const colour = (one.match(/rgba?\\([^)]*\\)/) || ["rgb(0, 0, 0)"])[0];
    const sizes = one.replace(colour, "").match(/-?[\\d.]+px/g) || [];
    return seen(colour) && sizes.some((size) => parseFloat(size) !== 0);
  });
  return outline || shadow;
}"""


def describe(locator: Locator) -> str:
    return locator.evaluate(
        "e => `<${e.tagName.toLowerCase()}${e.id ? ' id=' + e.id : ''}> `"
        " + (e.innerText || e.value || '').trim().slice(0, 30)"
    )


def tab_to(page: Page, target: Locator, *, limit: int = 60) -> list[str]:
    """Press Tab until `target` has the focus. Returns the elements passed on the way (and
    the target) that showed no visible focus."""
    unseen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.locator(":focus")
        if focused.count() == 0:  # the focus left the page content (browser chrome)
            continue
        if not focused.evaluate(FOCUS_INDICATOR):
            unseen.append(describe(focused))
        if target.evaluate("element => element === document.activeElement"):
            return unseen
    raise AssertionError(f"{limit} presses of Tab never reached {target}")


def test_language_switcher_works_with_tab_and_enter(page: Page, site):
    page.goto(f"{site}/it/")

    unseen = tab_to(page, page.get_by_role("link", name=re.compile("^RU")))
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page).to_have_url(re.compile("/ru/$"))
    unseen += tab_to(page, page.get_by_role("link", name=re.compile("^EN")))
    page.keyboard.press("Enter")

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile("/en/$"))
    assert unseen == []


def test_editions_filters_work_with_the_keyboard(page: Page, site):
    lipetsk = RegionFactory(code="RU-LIP", name_en="Lipetsk Oblast")
    EditionFactory(number=13, region=lipetsk, city_en="Lipetsk")
    EditionFactory(number=14, city_en="Sanremo")
    page.goto(f"{site}/en/editions/")
    expect(page.locator("table.editions tbody tr")).to_have_count(2)

    unseen = tab_to(page, page.get_by_label("Host region"))
    page.keyboard.type("Lipetsk")
    expect(page.get_by_label("Host region")).to_have_value(str(lipetsk.pk))
    unseen += tab_to(page, page.get_by_role("button", name="Apply filters"))
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(f"region={lipetsk.pk}"))
    expect(page.locator("table.editions tbody tr")).to_have_count(1)
    expect(page.locator("table.editions")).to_contain_text("Lipetsk")
    assert unseen == []


def test_registration_form_can_be_filled_and_sent_with_the_keyboard(page: Page, site):
    edition = OpenEditionFactory(slug="xl-kazan")
    table = SectoralTableFactory(edition=edition, title_en="Mechanics")
    page.goto(f"{site}/en/editions/{edition.slug}/register/")
    form = page.locator("form.registration-form")

    # Sent empty, the form says what is wrong; the error summary takes the focus, so the next
    # Tab leads into the form rather than back through the whole header.
    unseen = tab_to(page, form.get_by_role("button", name="Send the registration"), limit=80)
    page.keyboard.press("Enter")
    expect(page.locator("#form-errors")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#id_organisation_name")).to_be_focused()

    # Each field in turn, in the order Tab reaches them; None: a checkbox, ticked with Space.
    answers = {
        "#id_organisation_name": "Officine Esempio S.p.A.",
        "#id_organisation_kind": "SME",
        "#id_country": "Italy",
        "#id_tax_id": "00743110157",
        "#id_first_name": "Anna",
        "#id_last_name": "Rossi",
        "#id_email": "anna@example.org",
        "#id_language": "English",
        f"#id_tables_{table.pk}": None,
        f"#id_proposal_kind_{table.pk}": "search",
        f"#id_description_{table.pk}": "We look for distributors.",
        "#id_privacy_accepted": None,
    }
    page.keyboard.press("Shift+Tab")  # back to the summary: each step starts with a Tab
    for selector, keys in answers.items():
        unseen += tab_to(page, page.locator(selector), limit=10)
        if keys is None:
            page.keyboard.press("Space")
            expect(page.locator(selector)).to_be_checked()
        else:
            page.keyboard.type(keys)
    unseen += tab_to(page, form.get_by_role("button", name="Send the registration"), limit=10)
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    assert unseen == []
