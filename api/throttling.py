"""Per-token throttling on Django's cache (rate: settings.REST_FRAMEWORK's "api_token")."""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from api.models import ApiToken


class TokenRateThrottle(SimpleRateThrottle):
    scope = "api_token"

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return None  # not authenticated: answered 401 before any work is done
        return self.cache_format % {"scope": self.scope, "ident": request.auth.key_hash}

    def get_rate(self):
        # Read at request time (not at import), so a settings change applies at once.
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]
