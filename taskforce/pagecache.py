"""A cache of the public pages for anonymous visitors, with ETag / Last-Modified.

The public site is read far more than it changes, and crawled. A page marked with
`public_page` is stored, whole, the first time an anonymous visitor asks for it; later
visitors get the stored copy without a query. A 304 answers a browser that already holds
the current copy.

Invalidation: the cache keys carry a content version, replaced whenever a record of the
portal's own apps is saved or deleted (signals connected in `TaskForceAdminConfig.ready`)
and by the commands that write in bulk. Stored pages then simply stop being asked for and
expire. Time-dependent content (the "Register" menu entry while a registration window is
open) is kept correct by storing a page no longer than the next window opens or closes.

With the local-memory cache each server process has its own copy, so another process
learns of a change only when its copy expires (PAGE_CACHE_SECONDS); with a shared cache
(CACHE_URL=redis://…) a change is seen at once by every process.
"""

import hashlib
import time
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

VERSION_KEY = "pagecache:version"
# The apps whose records appear on public pages.
CONTENT_APPS = frozenset({"tf_sessions", "companies", "agreements"})
# Records that change often and appear on no public page.
IGNORED_MODELS = frozenset({"companies.notification"})


def public_page(view):
    """Mark the responses of `view` as the same for every anonymous visitor."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.public_page = True
        return response

    return wrapper


def content_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY) or ""
    return version


def invalidate() -> None:
    """Forget every stored page (they stay until they expire, but are never served)."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def invalidate_on_change(sender, **kwargs) -> None:
    """Signal receiver: a record of a content app was saved or deleted."""
    meta = sender._meta
    if meta.app_label in CONTENT_APPS and meta.label_lower not in IGNORED_MODELS:
        invalidate()


def _seconds_until_next_window_change(now) -> int | None:
    from sessions.models import Edition

    change = Edition.objects.next_registration_window_change(now)
    return None if change is None else max(1, int((change - now).total_seconds()))


class PublicPageCacheMiddleware:
    """Serve and store the pages marked `public_page` for visitors without a session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not self._anonymous_read(request):
            return self.get_response(request)

        key = self._key(request)
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
            return self._conditional(request, response)

        response = self.get_response(request)
        if self._storable(request, response):
            content = response.content
            response["ETag"] = f'"{hashlib.blake2b(content, digest_size=16).hexdigest()}"'
            response["Last-Modified"] = http_date(time.time())
            patch_cache_control(response, max_age=0, must_revalidate=True)
            patch_vary_headers(response, ("Cookie",))
            timeout = seconds
            until_change = _seconds_until_next_window_change(timezone.now())
            if until_change is not None:
                timeout = min(timeout, until_change)
            headers = dict(response.items())
            cache.set(key, (content, headers), timeout=timeout)
            return self._conditional(request, response)
        return response

    @staticmethod
    def _anonymous_read(request) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
            and not request.path.startswith(("/admin/", "/i18n/"))
        )

    @staticmethod
    def _key(request) -> str:
        address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        digest = hashlib.blake2b(address.encode(), digest_size=16).hexdigest()
        return f"pagecache:{content_version()}:{digest}"

    @staticmethod
    def _storable(request, response) -> bool:
        return (
            getattr(response, "public_page", False)
            and request.method == "GET"
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            # A page with a form protected by a CSRF token is personal.
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        )

    @staticmethod
    def _conditional(request, response):
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )
