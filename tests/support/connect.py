"""Real Connect credentials for tests: RSA install keys served over HTTP(S), HS256 tenant tokens."""

from __future__ import annotations

import ssl
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from rollbook.connect.qsh import CONTEXT_QSH, query_string_hash


@dataclass
class InstallSigner:
    """Plays Atlassian's part of signed install: an RSA key pair published under a kid."""

    kid: str = field(default_factory=lambda: str(uuid.uuid4()))
    private_key: rsa.RSAPrivateKey = field(
        default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )

    @property
    def public_pem(self) -> str:
        return (
            self.private_key.public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            .decode()
        )

    def token(self, claims: dict[str, Any], *, kid: str | None = None) -> str:
        return jwt.encode(
            claims, self.private_key, algorithm="RS256", headers={"kid": kid or self.kid}
        )


@contextmanager
def serve_install_keys(
    signers: list[InstallSigner], tls: ssl.SSLContext | None = None
) -> Iterator[str]:
    """An HTTP key server like connect-install-keys.atlassian.com: GET /{kid} → PEM; over
    https when given a server-side `tls` context (Rollbook outside dev mode requires https)."""
    keys = {signer.kid: signer.public_pem for signer in signers}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            pem = keys.get(self.path.lstrip("/"))
            self.send_response(200 if pem else 404)
            self.end_headers()
            self.wfile.write((pem or "not found").encode())

        def log_message(self, *_: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"{'https' if tls else 'http'}://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def install_claims(
    *, client_key: str, app_base_url: str, path: str = "/installed", now: float | None = None
) -> dict[str, Any]:
    issued = int(time.time() if now is None else now)
    return {
        "iss": client_key,
        "aud": app_base_url,
        "qsh": query_string_hash("POST", path, ""),
        "iat": issued,
        "exp": issued + 180,
    }


def install_payload(
    client_key: str,
    secret: str,
    base_url: str = "https://acme.atlassian.net",
    event: str = "installed",
) -> dict[str, Any]:
    payload = {
        "key": "com.rollbook.reports",
        "clientKey": client_key,
        "baseUrl": base_url,
        "displayUrl": base_url,
        "productType": "jira",
        "description": f"Atlassian JIRA at {base_url}",
        "serverVersion": "100305",
        "pluginsVersion": "1001.0.0",
        "eventType": event,
    }
    if event == "installed":
        payload["sharedSecret"] = secret
    return payload


def tenant_token(
    *,
    client_key: str,
    secret: str,
    qsh: str = CONTEXT_QSH,
    account_id: str | None = "557058:user-1",
    iat: float | None = None,
    ttl: int = 180,
    algorithm: str = "HS256",
    extra: dict[str, Any] | None = None,
) -> str:
    issued = int(time.time() if iat is None else iat)
    claims: dict[str, Any] = {"iss": client_key, "iat": issued, "exp": issued + ttl, "qsh": qsh}
    if account_id is not None:
        claims["sub"] = account_id
    claims.update(extra or {})
    return jwt.encode(claims, secret, algorithm=algorithm)


def page_token(
    *, client_key: str, secret: str, method: str, path: str, query: str = "", **kwargs: Any
) -> str:
    return tenant_token(
        client_key=client_key, secret=secret, qsh=query_string_hash(method, path, query), **kwargs
    )
