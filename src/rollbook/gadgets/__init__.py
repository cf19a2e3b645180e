"""Dashboard gadget settings: which saved report each Jira dashboard item shows."""
