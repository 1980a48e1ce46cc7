"""The action plan, its exports, the roadmap, the risk matrix and the strategy-level prerequisites
and risks."""


def views(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def plan(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def plan_csv(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def csv(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def plan_xlsx(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def xlsx(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def roadmap(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def risk_matrix(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def prerequisite_list(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def prerequisite_edit(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def risk_edit(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError
