"""`jirasim serve` as a real process: it prints the site URL and demo credentials, and with
`--install` waits for the app's descriptor to answer before installing it."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import jwt

from rollbook.connect.qsh import query_string_hash


def _wait_for_line(log: Path, text: str, process: subprocess.Popen[bytes], seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        output = log.read_text(errors="replace")
        if text in output:
            return output
        if process.poll() is not None:
            raise AssertionError(f"jirasim exited:\n{output}")
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never printed:\n{log.read_text(errors='replace')}")


def test_serve_installs_an_app_once_it_answers(tmp_path, fake_app, live_server, port_finder):
    jira_port, app_port = port_finder(), port_finder()
    app_url = f"http://127.0.0.1:{app_port}"
    fake_app.descriptor["baseUrl"] = app_url
    log = tmp_path / "jirasim.log"
    args = [
        sys.executable,
        "-m",
        "jirasim.cli",
        "serve",
        "--port",
        str(jira_port),
        "--issues",
        "120",
        "--seed",
        "5",
        "--install",
        f"{app_url}/atlassian-connect.json",
    ]
    with log.open("wb") as handle:
        process = subprocess.Popen(args, stdout=handle, stderr=subprocess.STDOUT)
    try:
        output = _wait_for_line(log, "Demo users", process, 60)
        assert f"Site URL:     http://localhost:{jira_port}" in output
        for email, token in (
            ("admin@example.com", "demo-token-admin"),
            ("member@example.com", "demo-token-member"),
            ("outsider@example.com", "demo-token-outsider"),
        ):
            assert email in output and token in output
        time.sleep(1.0)  # the app is still "starting": jirasim must keep polling
        assert fake_app.callbacks == []
        with live_server(fake_app.asgi(), app_port):
            _wait_for_line(log, "Installed com.example.fake", process, 60)
            (callback,) = fake_app.callbacks
        token = callback["authorization"].removeprefix("JWT ")
        kid = jwt.get_unverified_header(token)["kid"]
        pem = httpx.get(f"http://127.0.0.1:{jira_port}/_jirasim/install-keys/{kid}").text
        claims = jwt.decode(token, pem, algorithms=["RS256"], audience=app_url)
        assert claims["qsh"] == query_string_hash("POST", "/installed", "")
        assert callback["body"]["baseUrl"] == f"http://localhost:{jira_port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
