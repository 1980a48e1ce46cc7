"""The role matrix's vocabulary. Each app lists its views in tests/<app>/matrix_cases.py."""

from collections.abc import Callable
from dataclasses import dataclass, field

VIEW = {"viewer": "ok", "contributor": "ok", "steering": "ok", "lead": "ok"}
EDIT = {"viewer": 403, "contributor": "ok", "steering": 403, "lead": "ok"}
MANAGE = {"viewer": 403, "contributor": 403, "steering": 403, "lead": "ok"}
MINUTES = {"viewer": 403, "contributor": 403, "steering": "ok", "lead": "ok"}


@dataclass
class Case:
    """One URL pattern: how to build its kwargs from the World, who may use it, and how."""

    name: str
    kwargs: Callable  # world -> dict of URL kwargs
    allowed: dict
    method: str = "get"
    data: Callable = field(default_factory=lambda: lambda world: {})
    ok: int = 200  # the status of an allowed request
    # For the cross-process check: kwargs that point at the other process's object through
    # this process's slug (None when the view has no object of its own).
    foreign_kwargs: Callable | None = None


def slug(world) -> dict:
    return {"slug": world.process.slug}
