"""jirasim as a Forge host: reads an app's `manifest.yml`, installs it (install trigger to its
remote), serves its Custom UI resources under Forge's CSP inside Jira-like pages with a
`window.__bridge`, signs Forge Invocation Tokens and accepts the app's system token on
`/ex/jira/{cloudId}/rest/api/3/...`."""
