"""Workshops: plan, open and close; the projector's join screen (project members)."""


def workshop_list(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def workshop_create(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def workshop_detail(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def workshop_edit(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def workshop_status(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def workshop_projector(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError
