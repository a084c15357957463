"""The "demo data" banner of the public pages (records made by `manage.py seed_demo`)."""

import pytest

from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db

BANNER = 'class="alert alert-warning mt-3 demo-banner"'


def test_no_banner_on_the_real_history(client):
    EditionFactory(number=27, slug="xxvii-firenze-2018")

    assert BANNER not in client.get("/it/").content.decode()


@pytest.mark.parametrize(
    ("language", "title"),
    [("it", "Dati dimostrativi"), ("ru", "Демонстрационные данные"), ("en", "Demo data")],
)
def test_banner_while_demo_records_exist(client, language, title):
    EditionFactory(number=1001, slug="demo-edition-1001")

    content = client.get(f"/{language}/editions/").content.decode()

    assert BANNER in content
    assert title in content
    assert "[DEMO]" in content


def test_banner_goes_with_the_last_demo_edition(client):
    edition = EditionFactory(number=1001, slug="demo-edition-1001")
    assert BANNER in client.get("/en/").content.decode()

    edition.delete()

    assert BANNER not in client.get("/en/").content.decode()
