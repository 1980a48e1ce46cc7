"""A participant's ballot on the phone."""


def phone_round(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError
