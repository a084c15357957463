import pytest


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Tests render templates without running collectstatic first."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        username="staff", email="staff@example.org", password="a-long-test-password"
    )
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _italian_by_default():
    """Each test starts in the default language: a request in another language leaves it
    active in the thread, and reverse() would then build URLs in that language."""
    from django.utils import translation

    with translation.override("it"):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """The cache outlives a test's rolled-back transaction; start each test without it."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Uploaded documents go to a temporary folder, never into the project."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


def pytest_collection_modifyitems(config, items):
    """Browser tests last: like every test that commits, they end by emptying the tables,
    which also removes the staff roles created by a data migration."""
    items.sort(key=lambda item: "/e2e/" in item.nodeid.replace("\\", "/"))
