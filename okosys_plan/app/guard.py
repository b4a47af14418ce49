"""What keeps the app local and its forms honest: the host, a per-session token, the CSP.

The app serves ``127.0.0.1`` only. A request whose ``Host`` header is not this machine's
loopback name and port is refused (a DNS-rebinding page elsewhere cannot reach it), every
form carries a random token made when the app starts (a page on another site cannot post
to it), and every response forbids loading anything from elsewhere (a strict Content
Security Policy: every asset is served by the app itself).
"""

from __future__ import annotations

import hmac
import secrets

LOOPBACK_NAMES = ("127.0.0.1", "localhost")
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def new_token() -> str:
    """A random token for this run of the app (every form carries it)."""
    return secrets.token_urlsafe(32)


def host_allowed(host: str | None, port: int) -> bool:
    """True when the Host header names this machine's loopback at the app's port."""
    if not host:
        return False
    name, _, given = host.rpartition(":")
    if not name:  # no port in the header
        return False
    return name in LOOPBACK_NAMES and given == str(port)


def token_ok(sent: str | None, token: str) -> bool:
    """True when a form's token is the app's (compared in constant time)."""
    return sent is not None and hmac.compare_digest(sent.encode(), token.encode())
