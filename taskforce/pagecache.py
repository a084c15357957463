"""A cache of the public pages for anonymous visitors, with ETag / Last-Modified.

The public site is read far more than it changes, and crawled. A page marked with
`base.caching.public_page` is stored, whole, the first time an anonymous visitor asks for
it; later visitors get the stored copy without a query. A 304 answers a browser that
already holds the current copy. The keys, the content version that replaces every stored
page when the content changes, and the quota of stored pages are base.caching's.

Time-dependent content (the "Register" menu entry while a registration window is open) is
kept correct by storing a page no longer than the next window opens or closes.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from base.caching import cacheable_query, page_key, page_quota_left, remember
from sessions.models import Edition
from sessions.querysets import RegistrationWindow


def registration_windows(now) -> list[RegistrationWindow]:
    """The registration windows of published editions not closed at `now`, kept until the
    content changes (every page asks, for the menu's "Register" entry)."""
    return remember(
        "registration-windows", lambda: Edition.objects.published().registration_windows(now)
    )


def _seconds_until_next_window_change(now) -> int | None:
    change = RegistrationWindow.next_change(registration_windows(now), now)
    return None if change is None else max(1, int((change - now).total_seconds()))


class PublicPageCacheMiddleware:
    """Serve and store the pages marked `public_page` for visitors without a session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not self._anonymous_read(request) or not self._variant(request):
            return self.get_response(request)

        key = page_key(f"{request.scheme}://{request.get_host()}{request.get_full_path()}")
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
            if page_quota_left(seconds):
                cache.set(key, (content, dict(response.items())), timeout=timeout)
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
