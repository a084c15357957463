"""Production settings, security headers, login protection, session lifetime, and a walk over
every URL of the project: each is public by design or requires staff."""

import os
import re
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]


def test_deployment_check_passes_with_production_settings():
    env = {
        "PATH": os.environ["PATH"],
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "taskforce.example.gov.it",
        "CSRF_TRUSTED_ORIGINS": "https://taskforce.example.gov.it",
        "EMAIL_URL": "smtp+tls://portal:secret@mail.example.gov.it:587",
        "SECURE_SSL_REDIRECT": "1",
        "SECURE_HSTS_SECONDS": "31536000",
        "BEHIND_TLS_PROXY": "1",
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_public_pages_carry_a_strict_content_security_policy_and_headers(client):
    response = client.get("/it/")

    policy = response["Content-Security-Policy"]
    script_src = policy.split("script-src")[1].split(";")[0]
    assert script_src.startswith(" 'self'")
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    # The public pages need no inline script at all.
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", response.content.decode()) == []


def test_admin_inline_scripts_carry_the_nonce(staff_client):
    edition = EditionFactory()

    response = staff_client.get(reverse("admin:tf_sessions_edition_change", args=[edition.pk]))

    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", response.content.decode())
    assert all(f'nonce="{nonce}"' in tag for tag in inline)


def login(client, password):
    return client.post(
        reverse("admin:login"), {"username": "editor", "password": password, "next": "/admin/"}
    )


def test_admin_login_locks_out_after_repeated_failures_for_a_while(
    client, django_user_model, settings
):
    settings.AXES_FAILURE_LIMIT = 3
    django_user_model.objects.create_user(
        "editor", password="correct-horse-battery-staple", is_staff=True
    )

    failures = [login(client, "wrong-password").status_code for _ in range(3)]
    locked = login(client, "correct-horse-battery-staple")

    assert failures[:2] == [200, 200]
    assert locked.status_code == 429
    assert "Troppi accessi non riusciti" in locked.content.decode()  # the admin is Italian

    from axes.models import AccessAttempt

    AccessAttempt.objects.update(attempt_time="2000-01-01T00:00:00Z")  # the cool-off has passed
    assert login(client, "correct-horse-battery-staple").status_code == 302


def test_staff_session_ends_after_its_absolute_lifetime(staff_client, settings):
    settings.SESSION_MAX_AGE = 60
    assert staff_client.get(reverse("admin:index")).status_code == 200
    session = staff_client.session
    session["_session_started_at"] = int(time.time()) - 3600
    session.save()

    response = staff_client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_session_cookie_rotates_at_login(client, django_user_model):
    django_user_model.objects.create_user(
        "editor", password="correct-horse-battery-staple", is_staff=True
    )
    client.get(reverse("admin:login"))
    client.session["probe"] = 1
    before = client.session.session_key

    login(client, "correct-horse-battery-staple")

    assert client.session.session_key != before


# Every URL of the project -----------------------------------------------------------------

# URL names anyone may open, with what each answers an anonymous visitor at its sample
# address. A new URL must be added here, or be under /admin/.
# (The sample address has "x" or 1 for its parameters, which name nothing: the answer is a
# page, or "not found" / "link not valid", never an error.)
SAMPLE_ANSWERS = {
    "healthz": 200,
    "robots_txt": 200,
    "sitemap": 200,
    "archive:home": 200,
    "archive:edition_detail": 404,
    "archive:organisation_detail": 404,
    "sessions:edition_list": 200,
    "sessions:region_list": 200,
    "companies:visit_list": 200,
    "agreements:agreement_list": 200,
    "agreements:agreement_detail": 404,
    "agreements:document_download": 404,
    "companies:registration_create": 404,
    "companies:registration_sent": 404,
    "companies:registration_confirm": 400,
    "companies:registration_manage": 400,
    "pages:about": 200,
    "pages:privacy": 200,
    "pages:accessibility": 200,
    "pages:legal": 200,
}
PUBLIC = {*SAMPLE_ANSWERS, "set_language"}
# Admin URLs that anyone must be able to reach to log in.
ADMIN_OPEN = {"admin:login", "admin:logout", "admin:jsi18n"}


def walk(patterns=None, prefix="", namespace=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            yield from walk(
                pattern.url_patterns,
                prefix + str(pattern.pattern),
                f"{namespace}{ns}:" if ns else namespace,
            )
        elif isinstance(pattern, URLPattern):
            yield (
                f"{namespace}{pattern.name}" if pattern.name else None,
                prefix + str(pattern.pattern),
            )


def sample_path(route: str) -> str:
    """A concrete path for a route: placeholder values for its parameters, and the Italian
    prefix for the public site's language-prefixed routes."""
    path = re.sub(r"<int:\w+>", "1", route)
    path = re.sub(r"<(?:\w+:)?\w+>", "x", path)
    path = re.sub(r"\(\?P<\w+>[^)]*\)|\(\?:[^)]*\)|\^|\$|\\Z", "x", path)
    path = "/" + path.lstrip("/")
    return path.replace("/it/", "/it/", 1)


def all_urls():
    return sorted({(name or "", route) for name, route in walk()})


def test_every_url_is_public_by_design_or_requires_staff(client):
    unclassified = []
    checked = 0
    for name, route in all_urls():
        path = sample_path(route)
        if name in PUBLIC or name in ADMIN_OPEN or route.startswith("i18n/"):
            continue
        if path.startswith("/admin/"):
            response = client.get(path)
            checked += 1
            assert response.status_code == 302, (name, path, response.status_code)
            assert response["Location"].startswith("/admin/login/"), (name, path)
            continue
        unclassified.append((name, route))

    assert unclassified == []
    assert checked > 100  # the admin's many URLs were all walked


@pytest.mark.parametrize(("name", "expected"), sorted(SAMPLE_ANSWERS.items()))
def test_public_urls_never_fail_for_anonymous_visitors(client, name, expected):
    route = next(route for url_name, route in all_urls() if url_name == name)
    path = sample_path(route)

    response = client.get(path)

    assert response.status_code == expected, (name, path)


def test_logout_ends_the_users_other_sessions(client, django_user_model):
    from django.test import Client

    user = django_user_model.objects.create_user(
        "editor", password="x" * 12, is_staff=True, is_superuser=True
    )
    laptop, phone = Client(), Client()
    laptop.force_login(user)
    phone.force_login(user)
    other = django_user_model.objects.create_user(
        "other", password="x" * 12, is_staff=True, is_superuser=True
    )
    client.force_login(other)

    laptop.post(reverse("admin:logout"))

    assert phone.get(reverse("admin:index")).status_code == 302  # logged out there too
    assert client.get(reverse("admin:index")).status_code == 200  # other users keep theirs


def test_the_language_cookie_is_same_site_and_out_of_scripts_reach(client):
    response = client.post(reverse("set_language"), {"language": "ru", "next": "/ru/"})

    cookie = response.cookies["django_language"]
    assert cookie.value == "ru"
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"] is True
