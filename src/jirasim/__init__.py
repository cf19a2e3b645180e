"""jirasim: a local Jira Cloud simulator (REST API, JQL engine, Connect host) for demos and tests."""
