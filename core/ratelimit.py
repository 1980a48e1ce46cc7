"""A small fixed-window rate limiter on Django's cache.

Counts events per key in windows of `window_seconds` aligned to the clock (a new window starts
every `window_seconds`). Used for failed attempts at personal links and join codes: the view
asks `is_limited` before doing anything and calls `hit` after a failure, so successful requests
are never counted.

Keys are hashed, so they may contain anything (session keys, IP addresses) and still be valid
cache keys for every backend.
"""

import hashlib
import time

from django.core.cache import cache

KEY_PREFIX = "ratelimit"


def _cache_key(key: str, window_seconds: int) -> str:
    window = int(time.time() // window_seconds)
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    return f"{KEY_PREFIX}:{window_seconds}:{window}:{digest}"


def count(key: str, *, window_seconds: int) -> int:
    """The number of events recorded for `key` in the current window."""
    return cache.get(_cache_key(key, window_seconds), 0)


def hit(key: str, *, limit: int, window_seconds: int) -> bool:
    """Record one event for `key`. True when it is within the limit (at most `limit` events in
    the current window, this one included), False when it exceeds it."""
    cache_key = _cache_key(key, window_seconds)
    # The entry outlives its window a little, so an increment at the window's end finds it.
    if cache.add(cache_key, 1, timeout=window_seconds + 1):
        value = 1
    else:
        try:
            value = cache.incr(cache_key)
        except ValueError:  # expired between add() and incr()
            cache.add(cache_key, 1, timeout=window_seconds + 1)
            value = 1
    return value <= limit


def is_limited(key: str, *, limit: int, window_seconds: int) -> bool:
    """True when `key` has used up its `limit` events in the current window, without counting."""
    return count(key, window_seconds=window_seconds) >= limit
