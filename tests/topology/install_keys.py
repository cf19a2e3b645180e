"""Atlassian's install-keys server over https, as Rollbook outside dev mode requires it: GET
/{kid} answers the signer's public key in PEM, with the test CA's server certificate."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from support.connect import InstallSigner
from topology.tls import TestCertificates


@contextmanager
def serve_install_keys_over_https(
    signers: list[InstallSigner], certificates: TestCertificates
) -> Iterator[str]:
    keys = {signer.kid: signer.public_pem for signer in signers}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            pem = keys.get(self.path.lstrip("/"))
            self.send_response(200 if pem else 404)
            self.end_headers()
            self.wfile.write((pem or "not found").encode())

        def log_message(self, *_: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = certificates.server_context().wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
