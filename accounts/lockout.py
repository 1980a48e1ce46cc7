"""How django-axes identifies a login attempt's username."""


def lockout_username(request, credentials: dict | None = None) -> str:
    """The e-mail from the login form, case-folded, so "Pia@X.dk" and "pia@x.dk" share a count."""
    username = (credentials or {}).get("username") or (
        request.POST.get("username", "") if request is not None else ""
    )
    return str(username).strip().lower()
