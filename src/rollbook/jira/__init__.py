"""Calls from the server to a tenant's Jira, as the app (Connect JWT with a real qsh)."""
