"""Follow-up after approval: status updates, the programme overview, and "you said, we did" for
participants."""


def status_update_add(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def programme(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def you_said_we_did(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError
