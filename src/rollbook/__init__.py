"""Rollbook: the Atlassian Connect app server that stores tenants and report definitions."""
