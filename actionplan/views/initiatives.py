"""Initiatives: create, edit (also inline through htmx), renumber, and their criteria,
prerequisites, risks, dependencies and milestones."""


def initiative_detail(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def initiative_edit(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def initiative_inline(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def initiative_move(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def criterion_add(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def criterion_delete(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def prerequisite_add(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def risk_add(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def dependency_add(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def dependency_delete(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def milestone_add(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def milestone_toggle(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def initiative_create(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError
