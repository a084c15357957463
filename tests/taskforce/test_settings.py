"""Settings fail closed: junk or missing values stop the start with a clear message."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
KEY = "a-test-secret-key-that-is-long-enough-0123456789abcdefghijklmnop"


def load_settings(**env):
    """Import the settings module in a clean process with exactly these variables."""
    clean = {"PATH": os.environ["PATH"], **env}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import taskforce.settings as s; print(s.DEBUG, s.DATABASES['default']['ENGINE'])",
        ],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_settings_without_secret_key_and_debug_off_fail_clearly():
    result = load_settings(EMAIL_URL="consolemail://")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_settings_debug_defaults_to_off():
    result = load_settings(SECRET_KEY=KEY, EMAIL_URL="smtp://mail.example.org:25")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "False"


def test_settings_debug_on_runs_without_secret_key():
    result = load_settings(DEBUG="1")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "django.db.backends.sqlite3"]


@pytest.mark.parametrize("value", ["maybe", "2", "yes please"])
def test_settings_junk_boolean_is_refused(value):
    result = load_settings(DEBUG=value, SECRET_KEY=KEY)

    assert result.returncode != 0
    assert f"DEBUG={value!r} is not a boolean" in result.stderr


def test_settings_junk_number_is_refused():
    result = load_settings(DEBUG="1", SECURE_HSTS_SECONDS="a year")

    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS='a year' is not a whole number" in result.stderr


def test_settings_unsupported_database_is_refused():
    result = load_settings(DEBUG="1", DATABASE_URL="mysql://root@127.0.0.1/taskforce")

    assert result.returncode != 0
    assert "unsupported engine" in result.stderr


def test_settings_without_mail_server_and_debug_off_fail_clearly():
    result = load_settings(SECRET_KEY=KEY)

    assert result.returncode != 0
    assert "EMAIL_URL is not set" in result.stderr


def test_settings_unknown_mail_scheme_is_refused():
    result = load_settings(DEBUG="1", EMAIL_URL="carrier-pigeon://loft")

    assert result.returncode != 0
    assert "Invalid email schema" in result.stderr


def test_settings_postgres_url_keeps_connections(settings):
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import taskforce.settings as s; d = s.DATABASES['default']; "
            "print(d['ENGINE'], d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])",
        ],
        cwd=BASE_DIR,
        env={
            "PATH": os.environ["PATH"],
            "DEBUG": "1",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/taskforce",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.stdout.split() == ["django.db.backends.postgresql", "60", "True"]


def test_settings_sqlite_waits_for_writers(settings):
    options = settings.DATABASES["default"]["OPTIONS"]

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("SQLite options apply only on SQLite")
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5


def test_settings_languages_and_time_zone(settings):
    assert [code for code, _name in settings.LANGUAGES] == ["it", "ru", "en"]
    assert settings.LANGUAGE_CODE == "it"
    assert settings.TIME_ZONE == "Europe/Rome"
    assert settings.USE_TZ is True


@pytest.mark.parametrize(("level", "shown"), [("INFO", "True"), ("WARNING", "False")])
def test_log_level_applies_to_djangos_own_loggers(level, shown):
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import logging, django; django.setup(); "
            "print(logging.getLogger('django.tasks').isEnabledFor(logging.INFO))",
        ],
        cwd=BASE_DIR,
        env={
            "PATH": os.environ["PATH"],
            "DEBUG": "1",
            "LOG_LEVEL": level,
            "DJANGO_SETTINGS_MODULE": "taskforce.settings",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.stdout.split() == [shown], result.stderr


def test_settings_unknown_mail_sender_is_refused():
    result = load_settings(DEBUG="1", NOTIFICATIONS_SENT_BY="cron")

    assert result.returncode != 0
    assert "NOTIFICATIONS_SENT_BY='cron'" in result.stderr
