"""Atlassian Connect: descriptor, lifecycle callbacks, JWT and qsh, tenants."""
