"""Self-service data actions for Jira administrators: export all metadata, purge the tenant."""
