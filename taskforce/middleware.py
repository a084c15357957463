import codecs
import logging
import time

from django.conf import settings
from django.contrib.auth import logout
from django.db import OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


class RequestHygieneMiddleware:
    """Answer what no page can serve before any page tries, and the database's refusals
    without a server error.

    - A NUL character in the path or the query string (no URL, slug or value holds one,
      and PostgreSQL refuses it in a query): 400.
    - A request body declared in another character set than UTF-8 (the portal's forms
      send UTF-8; Django would decode UTF-16 into garbage or fail): 400.
    - A statement cancelled by the database's statement timeout, or a database that cannot
      be reached: 503, "try again in a moment", in the visitor's language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return self._page(request, "400.html", 400)
        charset = request.content_params.get("charset") if request.content_params else None
        if charset and not _is_utf8(charset):
            return self._page(request, "400.html", 400)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError):
            logger.error("Database unavailable or statement cancelled: %s", exception)
            return self._page(request, "503.html", 503)
        return None

    @staticmethod
    def _page(request, template: str, status: int) -> HttpResponse:
        # Rendered without the request's context processors: they read the database,
        # which may be the very thing that failed. In the language of the URL's prefix.
        language = translation.get_language_from_path(request.path_info)
        with translation.override(language or translation.get_language()):
            response = HttpResponse(render_to_string(template), status=status)
        if status == 503:
            response["Retry-After"] = "30"
        return response


def _is_utf8(charset: str) -> bool:
    try:
        return codecs.lookup(charset).name == "utf-8"
    except LookupError:
        return False


class AdminLanguageMiddleware:
    """Staff see the admin in Italian unless they chose another language.

    The public site follows the URL prefix and the browser; the back office follows only
    an explicit choice (the language cookie set by the selector in the admin header).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = "/admin/"
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        if request.path.startswith(self.prefix):
            chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class SessionLifetimeMiddleware:
    """End a logged-in session SESSION_MAX_AGE seconds after login, however active it is.

    The idle timeout is Django's own (SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST).
    """

    KEY = "_session_started_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            started = request.session.get(self.KEY)
            now = int(time.time())
            if started is None:
                request.session[self.KEY] = now
            elif now - started > settings.SESSION_MAX_AGE:
                logout(request)
        return self.get_response(request)
