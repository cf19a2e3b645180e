"""`jirasim serve`: generate a seeded site, serve it, and optionally install a Connect app
(Forge apps are installed with `POST /_jirasim/forge/install`, see `jirasim.forge.routes`).

    jirasim serve --port 2990 --issues 2000 --seed 1 \\
        --install http://localhost:8000/atlassian-connect.json

prints the site URL, the demo users' emails and API tokens and the admin token of the
`/_jirasim` endpoints. `--install` waits until the descriptor URL answers (the app may still be
starting), then installs the app with a signed `installed` callback.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time

import click
import httpx
import uvicorn

from jirasim.api.errors import JiraError
from jirasim.api.faults import FaultConfig
from jirasim.api.state import SimState
from jirasim.app import create_app, sim_state_of
from jirasim.dataset import DEMO_USERS, generate_site
from jirasim.host.lifecycle import install_app

log = logging.getLogger("jirasim")
INSTALL_WAIT_SECONDS = 120.0


@click.group()
def main() -> None:
    """jirasim: a local Jira Cloud simulator (REST API, JQL, Connect host)."""


async def _wait_for(url: str, deadline: float) -> None:
    async with httpx.AsyncClient(timeout=5.0) as client:
        while True:
            try:
                if (await client.get(url)).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise click.ClickException(f"{url} did not answer within {INSTALL_WAIT_SECONDS}s")
            await asyncio.sleep(0.5)


async def _install_when_ready(state: SimState, server: uvicorn.Server, descriptor_url: str) -> None:
    while not server.started:
        await asyncio.sleep(0.05)
    deadline = time.monotonic() + INSTALL_WAIT_SECONDS
    while True:
        await _wait_for(descriptor_url, deadline)
        try:
            app = await install_app(state, descriptor_url)
        except JiraError as error:
            if time.monotonic() > deadline:
                raise click.ClickException(f"install failed: {error}") from error
            click.echo(f"install not accepted yet ({error}); retrying", err=True)
            await asyncio.sleep(1.0)
            continue
        click.echo(f"Installed {app.key} (clientKey {app.client_key}) from {descriptor_url}")
        return


async def _serve(server: uvicorn.Server, state: SimState, install: str | None) -> None:
    tasks = [asyncio.create_task(server.serve())]
    if install:
        tasks.append(asyncio.create_task(_install_when_ready(state, server, install)))
    await asyncio.gather(*tasks)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=2990, show_default=True, type=int)
@click.option("--issues", "issue_count", default=2000, show_default=True, type=int)
@click.option("--seed", default=1, show_default=True, type=int)
@click.option("--base-url", default=None, help="Public URL of the site [http://localhost:PORT]")
@click.option("--install", "install", default=None, help="Descriptor URL of an app to install")
@click.option(
    "--latency-ms",
    default=0,
    show_default=True,
    type=int,
    help="Latency added to every REST request",
)
@click.option(
    "--rate-429",
    default=0.0,
    show_default=True,
    type=float,
    help="Fraction (0-1) of REST requests answered 429 with Retry-After",
)
@click.option(
    "--rate-5xx",
    default=0.0,
    show_default=True,
    type=float,
    help="Fraction (0-1) of REST requests answered 503 (Retry-After) or 500",
)
@click.option(
    "--fault-seed",
    default=0,
    show_default=True,
    type=int,
    help="Seed of the fault sequence (change faults later: POST /_jirasim/faults)",
)
@click.option(
    "--fault-path",
    "fault_paths",
    multiple=True,
    help="Limit latency, 429 and 5xx to REST paths starting with this (repeatable; * = a segment)",
)
@click.option("--admin-token", default=None, help="Token for /_jirasim admin calls [random]")
@click.option(
    "--forge-resource-url",
    default=None,
    help="Origin of Forge Custom UI resources [the site URL with localhost <-> 127.0.0.1]",
)
def serve(
    host: str,
    port: int,
    issue_count: int,
    seed: int,
    base_url: str | None,
    install: str | None,
    latency_ms: int,
    rate_429: float,
    rate_5xx: float,
    fault_seed: int,
    fault_paths: tuple[str, ...],
    admin_token: str | None,
    forge_resource_url: str | None,
) -> None:
    """Generate a site and serve it."""
    url = (base_url or f"http://localhost:{port}").rstrip("/")
    started = time.monotonic()
    site = generate_site(seed=seed, issue_count=issue_count, base_url=url)
    token = admin_token or secrets.token_urlsafe(18)
    faults = FaultConfig(
        latency_ms=latency_ms,
        rate_429=rate_429,
        rate_5xx=rate_5xx,
        seed=fault_seed,
        paths=fault_paths,
    )
    app = create_app(
        site, admin_token=token, faults=faults, forge_resource_origin=forge_resource_url
    )
    click.echo(
        f"jirasim: {len(site.issues)} issues (seed {seed}) generated in "
        f"{time.monotonic() - started:.1f}s"
    )
    click.echo(f"Site URL:     {url}")
    click.echo(f"Install keys: {url}/_jirasim/install-keys")
    click.echo(f"Connect JS:   {url}/atlassian-connect/all.js")
    forge = sim_state_of(app).forge
    click.echo(f"Forge JWKS:   {url}/_jirasim/forge/jwks.json  (cloudId {forge.cloud_id})")
    click.echo(f"Forge UI:     {forge.resource_origin}  (Custom UI resources' origin)")
    click.echo(f"Forge install: POST {url}/_jirasim/forge/install")
    click.echo(f"Admin token:  {token}  (header X-Jirasim-Admin-Token; loopback needs none)")
    click.echo("Demo users (HTTP Basic: email + API token):")
    for user in DEMO_USERS:
        click.echo(f"  {user.email:24} {user.api_token}")
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", loop="asyncio")
    server = uvicorn.Server(config)
    asyncio.run(_serve(server, sim_state_of(app), install))


if __name__ == "__main__":
    main()
