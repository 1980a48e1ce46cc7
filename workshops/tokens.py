"""Personal-link tokens and join codes. Only the SHA-256 of a token is ever stored."""

import hashlib
import secrets

# 32 bytes = 256 bits of randomness, 43 URL-safe characters.
TOKEN_BYTES = 32
# Join codes avoid characters that are easily confused on a projector (0/O, 1/I/L).
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(code: str) -> str:
    return "".join(code.split()).upper()[:16]
