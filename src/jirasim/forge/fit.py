"""Forge Invocation Tokens as Forge sends them to a remote
(docs/platform.md#forge-invocation-token-fit): RS256 with jirasim's
key, `iss` "forge/invocation-token", `aud` the app ARI, a fresh `jti`, the `app` claim with the
installation, environment and module, and for UI invocations `context` and `principal`."""

from __future__ import annotations

import uuid
from typing import Any

from jirasim.forge.installations import ForgeInstallation
from jirasim.forge.state import ForgeState

ISSUER = "forge/invocation-token"
# Forge's example token lives 25 s; a little more covers a slow test machine.
FIT_SECONDS = 60
ENVIRONMENT_TYPE = "DEVELOPMENT"


def fit_claims(
    forge: ForgeState,
    installation: ForgeInstallation,
    *,
    module_type: str,
    module_key: str,
    now: float,
    context: dict[str, Any] | None = None,
    principal: str | None = None,
) -> dict[str, Any]:
    issued = int(now)
    site_context = {
        "name": forge.site_ari,
        "apiBaseUrl": forge.api_base_url,
        "cloudId": forge.cloud_id,
    }
    claims: dict[str, Any] = {
        "iss": ISSUER,
        "aud": installation.app_id,
        "iat": issued,
        "nbf": issued,
        "exp": issued + FIT_SECONDS,
        "jti": str(uuid.uuid4()),
        "app": {
            "id": installation.app_id,
            "appVersion": installation.app_version,
            "installationId": installation.installation_id,
            "apiBaseUrl": forge.api_base_url,
            "installation": {"id": installation.installation_id, "contexts": [site_context]},
            "environment": {"type": ENVIRONMENT_TYPE, "id": installation.environment_id},
            "module": {"type": module_type, "key": module_key},
        },
    }
    if context is not None:
        claims["context"] = context
    if principal is not None:
        claims["principal"] = principal
    return claims


def mint_fit(forge: ForgeState, installation: ForgeInstallation, **kwargs: Any) -> str:
    return forge.signing_key.sign(fit_claims(forge, installation, **kwargs))
