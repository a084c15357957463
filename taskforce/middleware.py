from django.conf import settings
from django.utils import translation


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
        import time

        from django.contrib.auth import logout

        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            started = request.session.get(self.KEY)
            now = int(time.time())
            if started is None:
                request.session[self.KEY] = now
            elif now - started > settings.SESSION_MAX_AGE:
                logout(request)
        return self.get_response(request)
