"""Calls from the server to a tenant's Jira, as the app (Connect JWT or a Forge app token)."""
