"""The participant register, personal links, QR cards and link e-mails (project members)."""


def participant_list(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def participant_create(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def participant_import(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def participant_export_links(
    request, **kwargs
):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def participant_qr_sheet(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def participant_send_links(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def participant_edit(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def participant_deactivate(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def participant_link(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def participant_revoke(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError
