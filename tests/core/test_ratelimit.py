import pytest
from django.core.cache import cache

from core import ratelimit


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_hit_is_within_the_limit_until_the_limit_is_exceeded():
    results = [ratelimit.hit("k", limit=3, window_seconds=60) for _ in range(5)]

    assert results == [True, True, True, False, False]
    assert ratelimit.count("k", window_seconds=60) == 5


def test_is_limited_once_the_limit_is_used_up_and_does_not_count():
    assert ratelimit.is_limited("k", limit=2, window_seconds=60) is False
    ratelimit.hit("k", limit=2, window_seconds=60)
    assert ratelimit.is_limited("k", limit=2, window_seconds=60) is False
    ratelimit.hit("k", limit=2, window_seconds=60)

    assert ratelimit.is_limited("k", limit=2, window_seconds=60) is True
    assert ratelimit.count("k", window_seconds=60) == 2


def test_keys_and_window_lengths_are_counted_separately():
    ratelimit.hit("a", limit=1, window_seconds=60)

    assert ratelimit.is_limited("a", limit=1, window_seconds=60) is True
    assert ratelimit.is_limited("b", limit=1, window_seconds=60) is False
    assert ratelimit.is_limited("a", limit=1, window_seconds=600) is False


def test_a_new_window_starts_from_zero(monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(ratelimit.time, "time", lambda: now[0])
    for _ in range(3):
        ratelimit.hit("k", limit=3, window_seconds=60)
    assert ratelimit.is_limited("k", limit=3, window_seconds=60) is True

    now[0] += 60

    assert ratelimit.is_limited("k", limit=3, window_seconds=60) is False
    assert ratelimit.hit("k", limit=3, window_seconds=60) is True


def test_keys_with_spaces_unicode_and_great_length_are_accepted():
    key = "sessïon ø " * 500

    assert ratelimit.hit(key, limit=1, window_seconds=60) is True
    assert ratelimit.count(key, window_seconds=60) == 1
