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
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

VERSION_KEY = "pagecache:version"
# The apps whose records appear on public pages.
CONTENT_APPS = frozenset({"tf_sessions", "companies", "agreements"})
# Records that change often and appear on no public page.
IGNORED_MODELS = frozenset({"companies.notification"})


def public_page(view):
    """Mark the responses of `view` as the same for every anonymous visitor.

    Only the query parameters the view reads (its filters, and "page") make a cached
    variant; a request with any other parameter, a parameter given twice, or a value
    longer than MAX_VALUE_LENGTH is answered without the cache. So `?utm=<random>` cannot
    fill the cache with copies of one page.
    """
    filterset = getattr(getattr(view, "view_class", None), "filterset_class", None)
    parameters = frozenset(filterset.base_filters) | {"page"} if filterset else frozenset()

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.public_page = True
        return response

    wrapper.public_page_parameters = parameters
    return wrapper


# The longest value of a query parameter a cached page may have (a search is at most 100
# characters; a longer value is refused by the page's form anyway).
MAX_VALUE_LENGTH = 300


def cacheable_query(request, parameters: frozenset) -> bool:
    """Whether the request's query string is one of the page's own variants."""
    query = request.GET
    return all(
        name in parameters and len(values) == 1 and len(values[0]) <= MAX_VALUE_LENGTH
        for name, values in query.lists()
    )


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


def _quota_left(seconds: int) -> bool:
    """At most PAGE_CACHE_MAX_PAGES pages are stored in each period of `seconds`; as each
    lives at most that long, the cache never holds more than twice that many pages, however
    many different addresses are asked for (every search is a page of its own)."""
    period = int(time.time() // seconds)
    key = f"pagecache:stored:{content_version()}:{period}"
    cache.add(key, 0, timeout=2 * seconds)
    try:
        return cache.incr(key) <= settings.PAGE_CACHE_MAX_PAGES
    except ValueError:  # expired meanwhile, or the cache is unavailable
        return False


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
        if not seconds or not self._anonymous_read(request) or not self._variant(request):
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
            if _quota_left(seconds):
                headers = dict(response.items())
                cache.set(key, (content, headers), timeout=timeout)
            return self._conditional(request, response)
        return response

    @staticmethod
    def _variant(request) -> bool:
        """A page marked `public_page`, asked with its own query parameters only."""
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        parameters = getattr(match.func, "public_page_parameters", None)
        return parameters is not None and cacheable_query(request, parameters)

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
