"""Voting rounds for project members: set-up, open/close, paper ballots, results, projector,
adoption."""


def round_list(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def round_create(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def round_detail(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def round_edit(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def round_open(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def round_close(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def round_paper(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def round_results(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def round_results_json(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def round_projector(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def round_projector_panel(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def round_adopt(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError
