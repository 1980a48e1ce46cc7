"""The session engine (SESSION_ENGINE): Django's database sessions, one query lighter.

Django's database SessionStore looks a new random key up (SELECT ... LIMIT 1) before it inserts
the session row with it. That look-up cannot decide anything: the row is saved with
`must_create=True`, an INSERT that fails on an existing key, and `create()` then draws another
key. So the key is drawn without it. Every new session pays the look-up: each personal link
opened in a workshop (a new session for the phone) and each login (the key is cycled).

Nothing else changes: the same table, the same cookie, and `clearsessions` as before.
"""

from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils.crypto import get_random_string


class SessionStore(DatabaseSessionStore):
    def _get_new_session_key(self) -> str:
        # 32 characters of 36: a collision is as good as impossible, and the insert of
        # create() (must_create) refuses one anyway.
        return get_random_string(32, VALID_KEY_CHARS)

    async def _aget_new_session_key(self) -> str:
        return self._get_new_session_key()
