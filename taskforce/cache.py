"""A cache that degrades instead of failing: when Redis cannot be reached, every read is a
miss and every write is skipped, so the public pages are built afresh instead of answering
500 (the cache only ever holds what can be computed again).

After a failure the cache is not asked again for RETRY_AFTER seconds: a dead server then
costs one connection timeout every few seconds, not one per cache call (a page makes
several). Connection and read timeouts are short for the same reason.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Seconds without asking a cache that has just failed.
RETRY_AFTER = 5.0
# Default socket timeouts (seconds) of the Redis connections; OPTIONS in CACHE_URL win.
TIMEOUTS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, where an unreachable or failing Redis behaves as an empty
    cache that stores nothing."""

    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**TIMEOUTS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        self._down_until = 0.0

    def _guarded(self, call, fallback, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return call(*args, **kwargs)
        except (RedisError, OSError) as error:
            self._down_until = time.monotonic() + RETRY_AFTER
            logger.warning(
                "The cache is unavailable (%s); pages are built without it for %s s",
                type(error).__name__,
                RETRY_AFTER,
            )
            return fallback

    @property
    def is_available(self) -> bool:
        """False for RETRY_AFTER seconds after a failure."""
        return time.monotonic() >= self._down_until

    def get(self, key, default=None, version=None):
        return self._guarded(super().get, default, key, default, version)

    def get_many(self, keys, version=None):
        return self._guarded(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._guarded(super().has_key, False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(super().add, False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._guarded(super().set, None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's contract: the keys that could not be stored.
        return self._guarded(super().set_many, list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._guarded(super().delete, False, key, version)

    def delete_many(self, keys, version=None):
        self._guarded(super().delete_many, None, keys, version)

    def incr(self, key, delta=1, version=None):
        missing = object()
        value = self._guarded(super().incr, missing, key, delta, version)
        if value is missing:
            # As for a key that is not there: callers already handle it.
            raise ValueError(f"Key {key!r} not found (the cache is unavailable).")
        return value

    def clear(self):
        return self._guarded(super().clear, False)
