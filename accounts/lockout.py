"""How django-axes identifies a login attempt: case-folded e-mail and client address."""

from django.conf import settings


def lockout_username(request, credentials: dict | None = None) -> str:
    """The e-mail from the login form, case-folded, so "Pia@X.dk" and "pia@x.dk" share a count."""
    username = (credentials or {}).get("username") or (
        request.POST.get("username", "") if request is not None else ""
    )
    return str(username).strip().lower()


def client_ip(request) -> str:
    """The client's address for the login lockout.

    Without proxies (AXES_PROXY_COUNT=0) it is REMOTE_ADDR. Behind N trusted reverse proxies
    that each append to X-Forwarded-For, it is the N-th address from the right: the one the
    outermost trusted proxy saw. Addresses further left are set by the client and not trusted.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.LOCKOUT_TRUSTED_PROXIES
    if not count:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    return forwarded[-count] if len(forwarded) >= count else remote
