"""jirasim: a local Jira Cloud simulator (REST API, JQL, Connect host) for demos and tests."""
