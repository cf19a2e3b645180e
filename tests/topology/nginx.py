"""nginx as the production topology runs it, started by a test: the shipped template
(deploy/nginx/rollbook.conf.template) rendered by the shipped deploy/nginx/render.sh, inside a
minimal main configuration of the test's own, with every path in a temporary directory."""

from __future__ import annotations

import getpass
import shlex
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from support.servers import free_port
from topology.served import wait_until
from topology.tls import TestCertificates

DEPLOY = Path(__file__).resolve().parents[2] / "deploy" / "nginx"
RENDER = DEPLOY / "render.sh"


def nginx_binary() -> str | None:
    # Debian installs it in /usr/sbin, which is not on a normal user's PATH.
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")


def render_site_config(values: dict[str, str], directory: Path) -> str:
    """The template rendered exactly as docs/operations.md tells operators to render it."""
    env_file = directory / "nginx.env"
    env_file.write_text("".join(f"{name}={shlex.quote(value)}\n" for name, value in values.items()))
    result = subprocess.run(
        [RENDER, env_file], capture_output=True, text=True, check=False, timeout=30
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@dataclass
class Nginx:
    directory: Path
    certificates: TestCertificates
    upstream_ports: list[int]
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    @property
    def access_log(self) -> Path:
        return self.directory / "access.log"

    @property
    def error_log(self) -> Path:
        return self.directory / "error.log"

    def _write_config(self) -> Path:
        upstreams = self.directory / "upstreams.conf"
        upstreams.write_text("".join(f"server 127.0.0.1:{port};\n" for port in self.upstream_ports))
        site = render_site_config(
            {
                "NGINX_SERVER_NAME": "localhost 127.0.0.1",
                "NGINX_LISTEN": f"127.0.0.1:{self.port}",
                "NGINX_TLS_CERTIFICATE": str(self.certificates.certificate),
                "NGINX_TLS_CERTIFICATE_KEY": str(self.certificates.private_key),
                "NGINX_UPSTREAMS_FILE": str(upstreams),
                "NGINX_ACCESS_LOG": str(self.access_log),
            },
            self.directory,
        )
        (self.directory / "rollbook.conf").write_text(site)
        temp = self.directory / "temp"
        temp.mkdir(exist_ok=True)
        main = self.directory / "nginx.conf"
        # What Debian's /etc/nginx/nginx.conf gives the site file, minus the root-owned paths.
        # `user` is needed when the test runs as root (nginx would drop to nobody, who cannot
        # read the temporary directory) and ignored otherwise.
        main.write_text(
            f"""
user {getpass.getuser()};
daemon off;
worker_processes 1;
pid {self.directory}/nginx.pid;
error_log {self.error_log} info;
events {{ worker_connections 512; }}
http {{
    client_body_temp_path {temp}/client_body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {self.directory}/rollbook.conf;
}}
"""
        )
        return main

    def start(self, binary: str) -> Nginx:
        main = self._write_config()
        command = [binary, "-p", str(self.directory), "-c", str(main), "-e", str(self.error_log)]
        checked = subprocess.run(
            [*command, "-t"], capture_output=True, text=True, check=False, timeout=30
        )
        assert checked.returncode == 0, checked.stderr
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        verify = self.certificates.client_context()

        def answers() -> bool:
            assert self.process is not None
            if self.process.poll() is not None:
                raise AssertionError(f"nginx exited: {self.error_log.read_text()[-3000:]}")
            try:
                response = httpx.get(f"{self.url}/atlassian-connect.json", verify=verify)
                return response.status_code == 200
            except httpx.HTTPError:
                return False

        wait_until(answers, seconds=30, what="nginx to answer over https")
        return self

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()  # SIGTERM: nginx's fast shutdown
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
