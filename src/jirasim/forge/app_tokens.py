"""Forge app system tokens (`x-forge-oauth-system`): opaque strings jirasim issues per
installation and accepts as `Authorization: Bearer` on `/ex/jira/{cloudId}/rest/api/3/...`.
Forge guarantees a system token at least 2 h of life (docs/platform.md#forge-invocation-token-fit),
so jirasim's live 2 h."""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass

TOKEN_SECONDS = 2 * 60 * 60


@dataclass(frozen=True)
class AppToken:
    installation_id: str
    expires_at: float


class AppTokenRegistry:
    def __init__(self) -> None:
        self._tokens: dict[str, AppToken] = {}
        self._lock = threading.Lock()

    def issue(self, installation_id: str, *, now: float) -> str:
        token = secrets.token_urlsafe(32)
        with self._lock:
            # Expired tokens are dropped as new ones are issued, so the map stays small.
            self._tokens = {k: v for k, v in self._tokens.items() if v.expires_at > now}
            self._tokens[token] = AppToken(installation_id, now + TOKEN_SECONDS)
        return token

    def installation_of(self, token: str, *, now: float) -> str | None:
        """The installation a live token belongs to; None when unknown or expired."""
        with self._lock:
            found = self._tokens.get(token)
        if found is None or found.expires_at <= now:
            return None
        return found.installation_id

    def issued(self) -> list[str]:
        """Every token still held, for the tests that check no log ever shows one."""
        with self._lock:
            return list(self._tokens)

    def revoke(self, installation_id: str) -> None:
        with self._lock:
            self._tokens = {
                k: v for k, v in self._tokens.items() if v.installation_id != installation_id
            }
