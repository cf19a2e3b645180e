"""jirasim's Forge Invocation Token signing key: one RS256 key per process under a `kid`,
published as a JWKS at `GET /_jirasim/forge/jwks.json` (Forge's is
`https://forge.cdn.prod.atlassian-dev.net/.well-known/jwks.json`)."""

from __future__ import annotations

import base64
import uuid
from dataclasses import dataclass, field
from typing import Any

import jwt as pyjwt
from cryptography.hazmat.primitives.asymmetric import rsa


def _b64url_uint(value: int) -> str:
    raw = value.to_bytes((value.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


@dataclass
class FitSigningKey:
    kid: str = field(default_factory=lambda: f"jirasim-forge-{uuid.uuid4()}")
    private_key: rsa.RSAPrivateKey = field(
        default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )

    def jwks(self) -> dict[str, Any]:
        numbers = self.private_key.public_key().public_numbers()
        key = {
            "kty": "RSA",
            "n": _b64url_uint(numbers.n),
            "e": _b64url_uint(numbers.e),
            "kid": self.kid,
            "alg": "RS256",
            "use": "sig",
        }
        return {"keys": [key]}

    def sign(self, claims: dict[str, Any]) -> str:
        return pyjwt.encode(claims, self.private_key, algorithm="RS256", headers={"kid": self.kid})
