"""The bottom layer of the server: settings, database, the app instance's state, sessions, the
API error base and logging. It imports no domain package (a structure test checks it)."""
