"""Tenants of either host: a Connect site (clientKey) or a Forge installation (installationId)."""
