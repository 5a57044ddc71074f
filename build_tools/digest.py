"""BLAKE2b and SHA-256 without loading OpenSSL.

``import hashlib`` loads OpenSSL's libcrypto (about 3 ms, a twentieth of a whole
``wijkengids check``); the check needs only these two digests, which CPython also builds in
(the modules ``hashlib`` itself falls back to). Same algorithms, same digests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hashlib import blake2b, sha256
else:
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - a Python built without its own BLAKE2
        from hashlib import blake2b
    try:
        from _sha256 import sha256  # Python 3.11
    except ImportError:  # pragma: no cover - 3.12 and later (_sha2), or a Python without it
        try:
            from _sha2 import sha256
        except ImportError:
            from hashlib import sha256

__all__ = ["blake2b", "sha256"]
