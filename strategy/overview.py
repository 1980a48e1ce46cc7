"""Counters on the process overview, contributed by the apps below `strategy`.

`strategy` may not import `workshops` or `actionplan`, yet the overview shows their counts.
Each app registers a counter in its AppConfig.ready(); a counter answers with one aggregate
query for a process, so the overview's query count does not grow with the data.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Counter:
    key: str
    label: str | Promise
    count: Callable[[object], int]  # process -> number
    url_name: str | None = None  # a URL name taking `slug`, if the count links somewhere
    order: int = 100


_COUNTERS: dict[str, Counter] = {}


def register_counter(counter: Counter) -> None:
    _COUNTERS[counter.key] = counter


def counters() -> list[Counter]:
    return sorted(_COUNTERS.values(), key=lambda counter: (counter.order, counter.key))
