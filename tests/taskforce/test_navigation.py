import pytest

pytestmark = pytest.mark.django_db


def test_root_redirects_to_the_default_language(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/it/"


def test_root_redirects_to_the_visitors_language(client):
    response = client.get("/", headers={"accept-language": "ru-RU,ru;q=0.9"})

    assert response["Location"] == "/ru/"


def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    client.get("/healthz")  # warm the registration-window cache
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.content == b"ok"


def test_register_menu_entry_appears_when_a_window_opens(client):
    from tests.factories import OpenEditionFactory

    client.get("/it/")  # fills the cached registration windows
    edition = OpenEditionFactory()

    content = client.get("/it/").content.decode()

    assert f'href="/it/editions/{edition.slug}/register/"' in content
