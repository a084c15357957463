"""Screenshots of the main pages at desktop and phone widths, kept in the test output folder
(test-results/ by default, or pytest's --output) for people to look at."""

import struct
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from archive.loader import history_load_file
from tests.factories import OpenEditionFactory, RegionFactory, SectoralTableFactory

pytestmark = pytest.mark.django_db(transaction=True)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
WIDTHS = {"desktop": 1280, "phone": 390}


def png_width(path: Path) -> int:
    data = path.read_bytes()
    assert data.startswith(PNG_SIGNATURE), f"{path.name} is not a PNG image"
    (width,) = struct.unpack(">I", data[16:20])  # the IHDR chunk comes first
    return width


def test_main_pages_are_photographed_at_desktop_and_phone_widths(page: Page, site, output_path):
    history_load_file()
    edition = OpenEditionFactory(
        number=40,
        slug="xl-kazan",
        region=RegionFactory(code="RU-TA"),
        city_it="Kazan",
        city_ru="Казань",
        city_en="Kazan",
    )
    SectoralTableFactory(edition=edition, title_it="Meccanica", capacity=12)
    SectoralTableFactory(edition=edition, title_it="Agroalimentare", capacity=None)
    pages = {
        "home": "",
        "editions": "editions/",
        "dossier": "editions/xxvii-firenze-2018/",
        "visits": "visits/",
        "agreements": "agreements/",
        "regions": "regions/",
        "registration": f"editions/{edition.slug}/register/",
    }
    folder = Path(output_path)

    for device, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in pages.items():
            page.goto(f"{site}/it/{path}")
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            page.screenshot(path=folder / f"{name}-{device}.png", full_page=True)

    for device, width in WIDTHS.items():
        for name in pages:
            shot = folder / f"{name}-{device}.png"
            assert shot.stat().st_size > 5_000, f"{shot.name} is (nearly) empty"
            # A full-page shot wider than the window means the page scrolls sideways.
            assert png_width(shot) == width, f"{name} is wider than {width} px"
