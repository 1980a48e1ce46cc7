"""Participants' phones: redeem a personal link, join with a code, add and edit own notes."""


def link_redeem(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def join(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def phone_home(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def home(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def phone_workshop(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def workshop(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def phone_note_edit(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def note_edit(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def phone_logout(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def logout(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError
