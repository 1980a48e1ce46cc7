"""Extension points through which the apps below `strategy` add to its process screens.

`strategy` may not import `workshops` or `actionplan`, yet the process overview shows their
counts and the process menu links to their screens. Each app registers what it adds in its
AppConfig.ready():

- a Counter answers with one aggregate query for a process, so the overview's query count does
  not grow with the data;
- a NavItem is a link in the process menu, shown to members whose role grants `perm`.
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


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str | Promise | Callable[[object], str]  # or process -> label (configurable names)
    url_name: str  # a URL name taking `slug`
    perm: str = "view"
    order: int = 100


_COUNTERS: dict[str, Counter] = {}
_NAV: dict[str, NavItem] = {}


def register_counter(counter: Counter) -> None:
    _COUNTERS[counter.key] = counter


def counters() -> list[Counter]:
    return sorted(_COUNTERS.values(), key=lambda counter: (counter.order, counter.key))


def register_nav(item: NavItem) -> None:
    _NAV[item.key] = item


def nav_items() -> list[NavItem]:
    return sorted(_NAV.values(), key=lambda item: (item.order, item.key))
