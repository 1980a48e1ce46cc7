"""Strategic themes with their evidence; create, edit, change status, merge."""


def theme_list(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def theme_create(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def theme_detail(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def theme_edit(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def theme_status(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def theme_merge(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError
