"""The facilitator board: every note of a workshop, live; cluster notes into themes, with undo."""


def board(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def detail(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def board_notes(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def notes(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def board_assign(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def assign(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def board_create_theme(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def create_theme(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def board_duplicates(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def duplicates(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def board_undo(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def undo(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError
