"""Settings of the Task Force Portal.

One module, driven by the environment (django-environ). Every value has a safe default for
development on the embedded SQLite database; with DEBUG off, a missing or junk value stops
the start with a clear message instead of falling back to something insecure.
"""

import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A developer's .env file, if any; the real environment always wins.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    """A boolean from the environment; anything but a clear yes/no is refused."""
    raw = env.str(name, default=None)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a boolean: use one of 1/0, true/false, yes/no, on/off."
    )


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    """A whole number from the environment, at least `minimum`; junk is refused."""
    raw = env.str(name, default=None)
    if raw is None:
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={raw!r} must be at least {minimum}.")
    return value


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            "string (for example: python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DEBUG=1 for local development only."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Applications ----------------------------------------------------------------------------
INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin to patch the admin forms.
    "modeltranslation",
    "taskforce.apps.TaskForceAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "bootstrap_italia_template",
    "import_export",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # The portal's own apps, from the bottom layer up (docs/ARCHITECTURE.md).
    "base.apps.BaseConfig",
    "sessions.apps.SessionsConfig",
    "companies.apps.CompaniesConfig",
    "agreements.apps.AgreementsConfig",
    "archive.apps.ArchiveConfig",
    "demo.apps.DemoConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "taskforce.middleware.RequestHygieneMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "taskforce.middleware.AdminLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After the middleware that add headers to every response, before the costly ones.
    "taskforce.pagecache.PublicPageCacheMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "taskforce.middleware.SessionLifetimeMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "taskforce.urls"
WSGI_APPLICATION = "taskforce.wsgi.application"
ASGI_APPLICATION = "taskforce.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "taskforce.context_processors.language_links",
                "taskforce.context_processors.navigation",
            ],
        },
    },
]

# Database --------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
_db = DATABASES["default"]
# PostgreSQL cancels any statement that runs longer than this many seconds: a costly query
# ends with "try again" for the visitor (taskforce.middleware) instead of holding a worker
# until gunicorn kills it while the query goes on. 0 turns it off.
DATABASE_STATEMENT_TIMEOUT = env_int("DATABASE_STATEMENT_TIMEOUT", default=10)
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # Writers take the lock at BEGIN and wait for each other instead of failing with
    # "database is locked" halfway through a transaction.
    _db.setdefault("OPTIONS", {})
    _db["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    _db["OPTIONS"].setdefault("timeout", 20)
    _db["OPTIONS"].setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
    # Tests use a file, not SQLite's shared in-memory database, so that concurrent tests see
    # real locking (the shared in-memory cache fails with "table is locked" instead of waiting).
    # TEST_SQLITE_NAME lets two test runs on one checkout use separate files.
    _db.setdefault("TEST", {}).setdefault(
        "NAME", env.str("TEST_SQLITE_NAME", default=str(BASE_DIR / ".test-db.sqlite3"))
    )
elif _db["ENGINE"] == "django.db.backends.postgresql":
    # QuerySet.iterator() would otherwise declare a server-side cursor for each list of a
    # few dozen rows (docs/PERFORMANCE.md).
    _db["DISABLE_SERVER_SIDE_CURSORS"] = True
    if DATABASE_STATEMENT_TIMEOUT:
        _options = _db.setdefault("OPTIONS", {})
        _options["options"] = " ".join(
            filter(
                None,
                [_options.get("options"), f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT}s"],
            )
        )
else:
    raise ImproperlyConfigured(
        f"DATABASE_URL points to an unsupported engine ({_db['ENGINE']}); "
        "use sqlite:///path or postgres://user@host:port/name."
    )

# Persistent connections: PostgreSQL saves a TCP connect and SCRAM handshake per request;
# SQLite keeps its page cache warm between requests (docs/PERFORMANCE.md).
_db["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", default=60)
_db["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache -----------------------------------------------------------------------------------
# Local memory (one cache per process) by default; CACHE_URL=redis://127.0.0.1:6379/1 shares
# one cache between the server's processes.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://taskforce")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # A Redis that cannot be reached makes pages slower, not broken (taskforce.cache).
    CACHES["default"]["BACKEND"] = "taskforce.cache.ResilientRedisCache"
# Public pages are kept this long for anonymous visitors (taskforce.pagecache); 0 turns the
# page cache off. A change of content replaces them at once.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", default=300)
# At most this many pages are stored per PAGE_CACHE_SECONDS (the cache then holds at most
# twice as many): searches and filters cannot fill it without bound.
PAGE_CACHE_MAX_PAGES = env_int("PAGE_CACHE_MAX_PAGES", default=1000, minimum=1)

# E-mail ----------------------------------------------------------------------------------
# Console in development; an SMTP URL (smtp+tls://user:pass@host:587) in production.
EMAIL_URL = env.str("EMAIL_URL", default="consolemail://" if DEBUG else "")
if not EMAIL_URL:
    raise ImproperlyConfigured(
        "EMAIL_URL is not set. With DEBUG off the portal needs a real mail server, for "
        "example EMAIL_URL=smtp+tls://user:password@mail.example.org:587 "
        "(use consolemail:// to print mails to the console)."
    )
_email = env.email_url_config(EMAIL_URL)
# Seconds the portal waits for the mail server before a send counts as failed (and is
# retried later): a mail server that accepts connections and never answers must not hold
# the process that sends.
_email_timeout = env_int("EMAIL_TIMEOUT", default=10, minimum=1)
_mail_backend = _email["EMAIL_BACKEND"]
if _mail_backend.endswith("smtp.EmailBackend"):
    _mail_options = {
        "host": _email.get("EMAIL_HOST"),
        "port": _email.get("EMAIL_PORT"),
        "username": _email.get("EMAIL_HOST_USER"),
        "password": _email.get("EMAIL_HOST_PASSWORD"),
        "use_tls": _email.get("EMAIL_USE_TLS"),
        "use_ssl": _email.get("EMAIL_USE_SSL"),
        "timeout": _email_timeout,
    }
    _mail_options = {k: v for k, v in _mail_options.items() if v not in (None, "")}
elif _mail_backend.endswith("filebased.EmailBackend"):
    # filemail:///var/mail/taskforce writes each e-mail to a file in that folder.
    _parts = urlsplit(EMAIL_URL)
    _folder = unquote(_parts.netloc + _parts.path)
    if not _folder:
        raise ImproperlyConfigured(
            "EMAIL_URL=filemail:// needs the folder to write the e-mails to, for example "
            "filemail:///var/mail/taskforce."
        )
    _mail_options = {"file_path": _folder}
else:
    _mail_options = {}
MAILERS = {"default": {"BACKEND": _mail_backend, "OPTIONS": _mail_options}}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Task Force Portal <noreply@localhost>")
# Who sends the e-mails stored for registrants (companies.notifications): "request", the web
# process right after the change is committed, or "worker", `manage.py send_notifications
# --watch` running beside the web server: the default with DEBUG off, so that no request
# waits for the mail server.
NOTIFICATIONS_SENT_BY = env.str("NOTIFICATIONS_SENT_BY", default="request" if DEBUG else "worker")
if NOTIFICATIONS_SENT_BY not in {"request", "worker"}:
    raise ImproperlyConfigured(
        f"NOTIFICATIONS_SENT_BY={NOTIFICATIONS_SENT_BY!r}: use 'request' or 'worker'."
    )
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Passwords and authentication ------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation --------------------------------------------------------------------
LANGUAGE_CODE = "it"
LANGUAGES = [
    ("it", _("Italian")),
    ("ru", _("Russian")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Rome"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "it"
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = ("it", "en")

# Static files ----------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "media/"
# In development whitenoise serves files straight from the finders, no collectstatic needed.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Security --------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Scripts only from the portal itself or with the page's nonce: no inline script runs
# otherwise. Styles allow inline attributes (Bootstrap Italia and the admin use them).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
# The language choice is read by the server only, and not sent with other sites' requests.
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# "__Host-" cookies are bound to this exact host over HTTPS (browsers refuse them on plain
# HTTP, so development keeps the usual names).
if SESSION_COOKIE_SECURE:
    SESSION_COOKIE_NAME = "__Host-sessionid"
if CSRF_COOKIE_SECURE:
    CSRF_COOKIE_NAME = "__Host-csrftoken"
# Staff sessions: logged out after SESSION_IDLE_MINUTES without activity, and after
# SESSION_MAX_HOURS in any case (taskforce.middleware.SessionLifetimeMiddleware).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", default=30, minimum=1) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_MAX_AGE = env_int("SESSION_MAX_HOURS", default=12, minimum=1) * 3600

# Two-factor authentication for staff (django-otp, TOTP apps such as FreeOTP or Google
# Authenticator): required in production, off by default in development.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", default=not DEBUG)
OTP_TOTP_ISSUER = "Task Force Portal"

# Login protection (django-axes): after AXES_FAILURE_LIMIT failed logins for the same user
# name from the same address, further attempts are refused for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", default=5, minimum=1)
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=env_int("AXES_COOLOFF_MINUTES", default=15, minimum=1)
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_VERBOSE = False
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
if env_bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Logging ---------------------------------------------------------------------------------
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO").upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(
        f"LOG_LEVEL={LOG_LEVEL!r} is not a level: use DEBUG, INFO, WARNING, ERROR or CRITICAL."
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Django sets its own loggers to INFO; LOG_LEVEL applies to them too (a line per task
    # run, for instance, is INFO).
    "loggers": {"django": {"level": LOG_LEVEL}},
}

# Imports and exports in the back office (django-import-export): importing creates and
# changes records, so it needs the "add" permission of the model; exporting needs "view".
# Without these settings anyone who can open a list could import into it.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# The admin's translation tabs use jQuery UI, served from our own static files (no CDN).
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

# Registrations -----------------------------------------------------------------------------
# Public address of the portal, used in links sent by e-mail.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# Days an unconfirmed registration (and its confirmation link) stays valid.
REGISTRATION_CONFIRM_DAYS = env_int("REGISTRATION_CONFIRM_DAYS", default=7, minimum=1)
# Days the "manage my registration" link stays valid.
REGISTRATION_MANAGE_DAYS = env_int("REGISTRATION_MANAGE_DAYS", default=365, minimum=1)
# Registration submissions allowed per IP address and hour.
REGISTRATION_RATE_LIMIT = env_int("REGISTRATION_RATE_LIMIT", default=20, minimum=1)
# The version of the privacy notice (templates/pages/privacy.*.html) that registrants accept.
PRIVACY_NOTICE_VERSION = "1"

# Agreements' documents ----------------------------------------------------------------------
# PDFs are stored here, outside STATIC_ROOT and MEDIA_ROOT, and served only by views that
# check permissions.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")
AGREEMENT_DOCUMENT_MAX_BYTES = (
    env_int("AGREEMENT_DOCUMENT_MAX_MB", default=20, minimum=1) * 1024 * 1024
)

# Privacy --------------------------------------------------------------------------------------
# Contacts whose latest registration is older than this are anonymised by
# `manage.py anonymise_old_contacts` (run it monthly).
CONTACT_RETENTION_MONTHS = env_int("CONTACT_RETENTION_MONTHS", default=60, minimum=1)
