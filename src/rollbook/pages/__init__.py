"""Iframe pages shown inside Jira: HTML shells that load the Connect JS and the client bundle."""
