"""Interviews and the insights recorded from them (project members)."""


def interview_list(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def interview_create(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def interview_detail(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def interview_edit(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def insight_create(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def insight_edit(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def insight_delete(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError
