"""Degraded, not down: with the cache, the mail server or the document storage unavailable,
the public site still answers; and the page cache cannot be filled without bound.

Found by an attack: CACHE_URL pointing at a dead Redis answered 500 on every public page,
/healthz and the registration form; a mail server that accepted connections and never
answered held a worker per registration; `?utm=<random>` × 200 added 200 copies of a page
to a Redis with no eviction.
"""

import os
import re
import socket
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest
from django.core import mail
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from companies.models import Notification, Registration
from companies.notifications import notification_send
from taskforce import cache as resilient
from tests.factories import (
    AgreementDocumentFactory,
    AgreementFactory,
    CompanyVisitFactory,
    EditionFactory,
    OpenEditionFactory,
    SectoralTableFactory,
)

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]
PUBLIC_LISTS = [
    "archive:home",
    "sessions:edition_list",
    "companies:visit_list",
    "sessions:region_list",
    "agreements:agreement_list",
    "pages:about",
]


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (connections are refused at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def archive():
    edition = EditionFactory(number=27, city_it="Firenze")
    CompanyVisitFactory(edition=edition)
    agreement = AgreementFactory(edition=edition)
    AgreementDocumentFactory(agreement=agreement, is_public=True)
    return edition


def registration_post(edition, table):
    return {
        "submission_key": str(uuid.uuid4()),
        "organisation_name": "Officine Esempio S.p.A.",
        "organisation_kind": "sme",
        "country": "IT",
        "tax_id": "00743110157",
        "first_name": "Anna",
        "last_name": "Rossi",
        "email": "anna@example.org",
        "language": "it",
        "tables": [str(table.pk)],
        f"proposal_kind_{table.pk}": "other",
        f"description_{table.pk}": "Cerchiamo partner.",
        "privacy_accepted": "on",
    }


# The cache ---------------------------------------------------------------------------------


@pytest.fixture
def dead_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "taskforce.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        }
    }
    settings.PAGE_CACHE_SECONDS = 300
    yield caches["default"]


def test_the_dead_cache_of_these_tests_is_really_dead(dead_cache, settings):
    from django.core.cache.backends.redis import RedisCache
    from redis.exceptions import ConnectionError as RedisConnectionError

    plain = RedisCache(settings.CACHES["default"]["LOCATION"], {})

    with pytest.raises(RedisConnectionError):
        plain.get("anything")
    assert dead_cache.get("anything", "fallback") == "fallback"
    assert dead_cache.is_available is False


def test_public_pages_healthz_and_registration_answer_without_the_cache(
    dead_cache, archive, django_capture_on_commit_callbacks
):
    edition = OpenEditionFactory()
    table = SectoralTableFactory(edition=edition)
    client = Client(raise_request_exception=False)

    pages = {name: client.get(reverse(name)).status_code for name in PUBLIC_LISTS}
    dossier = client.get(archive.get_absolute_url())
    health = client.get("/healthz")
    form = client.get(reverse("companies:registration_create", kwargs={"slug": edition.slug}))
    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(
            reverse("companies:registration_create", kwargs={"slug": edition.slug}),
            registration_post(edition, table),
        )

    assert set(pages.values()) == {200}, pages
    assert dossier.status_code == 200 and "Firenze" in dossier.content.decode()
    assert health.status_code == 200
    assert form.status_code == 200
    assert posted.status_code == 302
    assert Registration.objects.count() == 1
    assert mail.outbox[0].to == ["anna@example.org"]


def test_a_cache_that_fails_is_left_alone_for_a_few_seconds(dead_cache, monkeypatch):
    """One connection timeout every few seconds, not one per cache call of every page."""
    calls = []
    monkeypatch.setattr(
        "django.core.cache.backends.redis.RedisCache.get",
        lambda self, *args, **kwargs: calls.append(args) or (_ for _ in ()).throw(OSError()),
    )
    dead_cache._down_until = 0.0

    for _ in range(20):
        dead_cache.get("key")

    assert len(calls) == 1
    assert resilient.RETRY_AFTER >= 1


@pytest.mark.skipif(
    os.environ.get("CACHE_TESTS_REDIS", "redis://127.0.0.1:6379/15") == "",
    reason="no Redis to test against",
)
def test_the_page_cache_works_with_a_live_redis(settings, archive):
    location = os.environ.get("CACHE_TESTS_REDIS", "redis://127.0.0.1:6379/15")
    settings.CACHES = {
        "default": {"BACKEND": "taskforce.cache.ResilientRedisCache", "LOCATION": location}
    }
    settings.PAGE_CACHE_SECONDS = 300
    cache = caches["default"]
    cache.set("probe", 1)
    if cache.get("probe") != 1:
        pytest.skip("no Redis is running at " + location)
    try:
        first = Client().get(reverse("sessions:edition_list"))
        second = Client().get(reverse("sessions:edition_list"))
    finally:
        cache.clear()

    assert first.status_code == second.status_code == 200
    assert second["ETag"] == first["ETag"]


# The page cache's size ---------------------------------------------------------------------


STORED_PAGE = re.compile(r":pagecache:[0-9a-f]{32}:[0-9a-f]{32}$")


def stored_pages() -> int:
    """The pages in the (local memory) cache: pagecache:<content version>:<address digest>."""
    return sum(1 for key in caches["default"]._cache if STORED_PAGE.search(key))


def test_random_unknown_parameters_add_no_page_to_the_cache(settings, archive):
    settings.PAGE_CACHE_SECONDS = 300

    statuses = {
        Client().get(reverse("archive:home"), {"utm_source": uuid.uuid4().hex}).status_code
        for _ in range(200)
    }
    repeated = Client().get(f"{reverse('sessions:edition_list')}?country=IT&country=RU")

    assert statuses == {200}
    assert repeated.status_code == 200
    assert stored_pages() == 0
    Client().get(reverse("archive:home"))
    assert stored_pages() == 1  # the page itself is cached


def test_at_most_the_configured_number_of_pages_is_stored(settings, archive):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_MAX_PAGES = 50

    statuses = {
        Client().get(reverse("sessions:edition_list"), {"q": uuid.uuid4().hex[:8]}).status_code
        for _ in range(120)
    }

    assert statuses == {200}
    assert stored_pages() == 50


# The mail server ---------------------------------------------------------------------------


@pytest.fixture
def silent_mail_server():
    """A server that accepts connections and never says a word."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    yield server.getsockname()[1]
    server.close()


@pytest.mark.django_db(transaction=True)  # the sender's thread reads the stored e-mail
def test_a_mail_server_that_never_answers_fails_the_send_after_the_timeout(
    settings, silent_mail_server
):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": silent_mail_server, "timeout": 1},
        }
    }
    notification = Notification.objects.create(
        to="anna@example.org", language="it", subject="Conferma", body_text="Testo"
    )
    outcome = []
    sender = threading.Thread(
        target=lambda: outcome.append(notification_send.call(notification.pk))
    )

    sender.start()
    sender.join(timeout=30)

    assert not sender.is_alive(), "the send hung on a silent mail server"
    assert outcome == ["failed"]
    notification.refresh_from_db()
    assert notification.status == "failed" and notification.attempts == 1


def test_with_the_sender_beside_the_server_a_registration_never_waits_for_mail(
    settings, client, django_capture_on_commit_callbacks
):
    settings.NOTIFICATIONS_SENT_BY = "worker"
    edition = OpenEditionFactory()
    table = SectoralTableFactory(edition=edition)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            reverse("companies:registration_create", kwargs={"slug": edition.slug}),
            registration_post(edition, table),
        )

    assert response.status_code == 302
    assert mail.outbox == []
    assert callbacks == []
    assert Notification.objects.get().status == "pending"  # the sender will send it


def production_settings(**env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import taskforce.settings as s; m = s.MAILERS['default']; "
            "print(s.NOTIFICATIONS_SENT_BY, m['BACKEND'].rsplit('.', 2)[-2], "
            "m['OPTIONS'].get('timeout'), m['OPTIONS'].get('file_path'))",
        ],
        cwd=BASE_DIR,
        env={"PATH": os.environ["PATH"], "SECRET_KEY": "k" * 50, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_sends_mail_beside_the_server_with_a_timeout():
    default = production_settings(EMAIL_URL="smtp+tls://portal:secret@mail.example.org:587")
    shorter = production_settings(EMAIL_URL="smtp://mail.example.org:25", EMAIL_TIMEOUT="3")

    assert default.stdout.split() == ["worker", "smtp", "10", "None"], default.stderr
    assert shorter.stdout.split() == ["worker", "smtp", "3", "None"], shorter.stderr


def test_a_file_mail_url_writes_the_mails_to_its_folder(tmp_path):
    folder = tmp_path / "mails"
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.core.mail import send_mail; "
            "print(send_mail('Prova', 'Testo', 'noreply@example.org', ['anna@example.org']))",
        ],
        cwd=BASE_DIR,
        env={"PATH": os.environ["PATH"], "DEBUG": "1", "EMAIL_URL": f"filemail://{folder}"},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.stdout.split()[-1:] == ["1"], result.stderr
    (written,) = folder.iterdir()
    assert "Subject: Prova" in written.read_text()


def test_a_file_mail_url_without_a_folder_is_refused_at_start():
    result = production_settings(EMAIL_URL="filemail://")

    assert result.returncode != 0
    assert "filemail:// needs the folder" in result.stderr


# The document storage ----------------------------------------------------------------------


def test_an_unreadable_document_storage_answers_try_again_and_the_pages_stay_up(
    client, settings, tmp_path
):
    document = AgreementDocumentFactory(is_public=True)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("the storage is gone")
    settings.PRIVATE_MEDIA_ROOT = blocked

    download = client.get(document.get_absolute_url())
    page = client.get(document.agreement.get_absolute_url())

    assert download.status_code == 503
    assert download["Retry-After"] == "30"
    assert page.status_code == 200
    assert document.agreement.title_it in page.content.decode()
