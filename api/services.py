"""Writes of the API app: creating, revoking and touching tokens."""

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone

from api.models import ApiToken
from strategy.models import Organisation

# last_used_at is written at most once in this interval, so reads do not write on every request.
TOUCH_INTERVAL = timedelta(minutes=5)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def token_create(*, organisation: Organisation, name: str, created_by=None) -> tuple[ApiToken, str]:
    """A new token and its key. The key is returned once and never stored."""
    key = secrets.token_urlsafe(32)
    token = ApiToken(
        organisation=organisation, name=name, key_hash=hash_key(key), created_by=created_by
    )
    token.full_clean()
    token.save()
    return token, key


def token_revoke(*, token: ApiToken) -> ApiToken:
    token.revoked = True
    token.full_clean()
    token.save(update_fields=["revoked"])
    return token


def token_touch(*, token: ApiToken, now=None) -> None:
    """Record that the token was used (at most once per TOUCH_INTERVAL)."""
    now = now or timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_INTERVAL:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
