"""The files under deploy/ agree with the app: the example environment names only real
settings, and nginx's body limit is the app's largest (a site import)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from rollbook.core.settings import Settings
from topology.nginx import DEPLOY, render_site_config

ENV_EXAMPLE = DEPLOY.parent / "rollbook.env.example"
TEMPLATE = DEPLOY / "rollbook.conf.template"


def test_the_example_environment_names_only_settings() -> None:
    names = re.findall(r"^ROLLBOOK_([A-Z_]+)=", ENV_EXAMPLE.read_text(), re.MULTILINE)
    assert names, "the example sets something"
    unknown = [name for name in names if name.lower() not in Settings.model_fields]
    assert unknown == []


def test_nginx_accepts_the_apps_largest_body_and_no_more() -> None:
    found = re.search(r"client_max_body_size (\d+)m;", TEMPLATE.read_text())
    assert found is not None
    assert (
        int(found.group(1)) * 1024 * 1024 == Settings.model_fields["max_import_body_bytes"].default
    )


@pytest.mark.skipif(shutil.which("envsubst") is None, reason="envsubst (gettext-base) missing")
def test_the_shipped_values_render_every_placeholder(tmp_path: Path) -> None:
    values = dict(
        line.split("=", 1)
        for line in (DEPLOY / "rollbook-nginx.env").read_text().splitlines()
        if line and not line.startswith("#")
    )
    rendered = render_site_config(values, tmp_path)
    assert "${" not in rendered
    assert "listen 443 ssl;" in rendered and "server_name rollbook.example.com;" in rendered
    # nginx's own variables are left alone.
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in rendered
