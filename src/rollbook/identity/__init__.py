"""Who is calling, whatever the host: the principal, the viewer and the access checks.

`connect/` and `forge/` authenticate a request and hand over a `Principal`; `reports/`,
`gadgets/` and `admin/` see only what this package gives them."""
