"""Bearer-token authentication of the API: `Authorization: Bearer <key>`.

No session authentication (so no CSRF either): a browser's login never reaches the API.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions, permissions

from api import services
from api.models import ApiToken

KEYWORD = "Bearer"
MAX_KEY_LENGTH = 200


class TokenClient:
    """The caller behind a token (request.user of an API request): not a user account."""

    is_authenticated = True
    is_anonymous = False
    pk = None

    def __init__(self, token: ApiToken):
        self.token = token
        self.organisation_id = token.organisation_id

    def __str__(self) -> str:
        return str(self.token)


class BearerTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD.lower().encode():
            return None
        if len(header) != 2 or len(header[1]) > MAX_KEY_LENGTH:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed(_("Invalid token header.")) from exc
        token = (
            ApiToken.objects.select_related("organisation")
            .filter(key_hash=services.hash_key(key), revoked=False)
            .first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        services.token_touch(token=token)
        return TokenClient(token), token

    def authenticate_header(self, request) -> str:
        # Makes DRF answer 401 (with WWW-Authenticate) rather than 403 without a valid token.
        return f'{KEYWORD} realm="api"'


class HasApiToken(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return isinstance(request.auth, ApiToken)
