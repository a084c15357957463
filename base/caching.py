"""The portal's cache: one content version, and everything cached under it.

Whole public pages (taskforce.pagecache), the home page's figures, the filters' choices,
the registration windows, the sequence of editions and the demo-data flag are all stored
under keys that carry the content version. Any save or delete of a record of a content app
replaces the version (`content_changed`, connected once by the project's AppConfig), and
with it everything cached: old entries are never asked for again and expire. Commands that
write in bulk, without signals, call `invalidate()`.

With the local-memory cache each server process has its own copy, so another process
learns of a change only when its entries expire; with a shared cache (CACHE_URL=redis://…)
a change is seen at once by every process.
"""

import hashlib
import time
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache

VERSION_KEY = "content:version"
# The apps whose records appear on public pages.
CONTENT_APPS = frozenset({"tf_sessions", "companies", "agreements"})
# Records that change often and appear on no public page.
IGNORED_MODELS = frozenset({"companies.notification"})
# How long a remembered value may stay unused; a change of content replaces it at once.
REMEMBER_SECONDS = 3600


def content_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY) or ""
    return version


def invalidate() -> None:
    """Forget everything cached (entries stay until they expire, but are never served)."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def content_changed(sender, **kwargs) -> None:
    """Signal receiver (post_save, post_delete, m2m_changed): a record was written."""
    meta = sender._meta
    if meta.app_label in CONTENT_APPS and meta.label_lower not in IGNORED_MODELS:
        invalidate()


def remember(name: str, compute, *, timeout: int = REMEMBER_SECONDS):
    """`compute()`, kept until the content changes: `name` says what it is (and must say
    everything it depends on besides the content, e.g. the language)."""
    return cache.get_or_set(f"{name}:{content_version()}", compute, timeout=timeout)


# The pages of the public site -----------------------------------------------------------


def public_page(view):
    """Mark the responses of `view` as the same for every anonymous visitor, so that the
    page cache (taskforce.pagecache) may keep them.

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
    return all(
        name in parameters and len(values) == 1 and len(values[0]) <= MAX_VALUE_LENGTH
        for name, values in request.GET.lists()
    )


def page_key(address: str) -> str:
    """Where the page at `address` (scheme, host, path and query) is kept."""
    digest = hashlib.blake2b(address.encode(), digest_size=16).hexdigest()
    return f"pagecache:{content_version()}:{digest}"


def page_quota_left(seconds: int) -> bool:
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
