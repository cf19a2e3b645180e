"""The host pages: which iframes each page embeds, their signed URLs (checked with Rollbook's own
Connect verifier), the bridge endpoints, the user switcher and who may see what."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest

from jirasim.host.signing import substitute
from rollbook.connect.jwt import RequestTarget, RouteKind, verify_tenant_token

ADMIN_ID = "5b10ac8d82e05b22cc7d4ef5"
MEMBER_ID = "5b10a0effa615349cb016cd8"
OUTSIDER_ID = "5b109f2e9729b51b54dc274d"


@dataclass(frozen=True)
class Tenant:
    client_key: str
    shared_secret: str
    installed: bool = True


def sign_in(client, account_id: str) -> None:
    response = client.post(
        "/_jirasim/session",
        content=f"account_id={account_id}&next=/",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        follow_redirects=False,
    )
    assert response.status_code == 303


def page_data(html: str) -> dict[str, Any]:
    match = re.search(
        r'<script type="application/json" id="jirasim-page">(.*?)</script>', html, re.S
    )
    assert match, "page data missing"
    return json.loads(match.group(1))


def verify_iframe_url(url: str, app) -> dict[str, Any]:
    """What Rollbook does on an iframe request: verify the URL-bound JWT and its qsh."""
    parts = urlsplit(url)
    token = parse_qs(parts.query)["jwt"][0]
    verified = verify_tenant_token(
        token,
        kind=RouteKind.URL_BOUND,
        target=RequestTarget("GET", parts.path, parts.query),
        find_tenant=lambda key: (
            Tenant(app.client_key, app.shared_secret) if key == app.client_key else None
        ),
    )
    return dict(verified.claims)


def test_signed_out_pages_offer_the_user_switcher(sim_client, installed_app) -> None:
    html = sim_client.get("/").text
    assert "Choose a user" in html
    assert page_data(html)["embeds"] == []
    for email in ("admin@example.com", "member@example.com", "outsider@example.com"):
        assert email in html


def test_general_page_embeds_a_signed_iframe(sim_client, installed_app) -> None:
    sign_in(sim_client, MEMBER_ID)
    response = sim_client.get("/plugins/servlet/ac/com.example.fake/main")
    assert response.status_code == 200
    (embed,) = page_data(response.text)["embeds"]
    assert embed["addon_key"] == "com.example.fake" and embed["key"] == "main"
    url = embed["url"]
    assert url.startswith("http://fake-app.test/page?x=&")
    query = parse_qs(urlsplit(url).query, keep_blank_values=True)
    assert query["lic"] == ["none"] and query["cp"] == [""]
    assert query["xdm_e"] == ["http://jirasim.test"]
    assert query["xdm_c"] and query["cv"]
    claims = verify_iframe_url(url, installed_app)
    assert claims["iss"] == installed_app.client_key
    assert claims["sub"] == MEMBER_ID
    assert claims["exp"] - claims["iat"] == 180
    assert embed["options"]["isFullPage"] is True
    assert 'href="/plugins/servlet/ac/com.example.fake/main"' in response.text


def test_project_page_substitutes_the_project(sim_client, installed_app) -> None:
    sign_in(sim_client, MEMBER_ID)
    response = sim_client.get("/projects/WEB/apps/com.example.fake/proj")
    (embed,) = page_data(response.text)["embeds"]
    assert "projectKey=WEB&projectId=10001&" in embed["url"]
    assert embed["options"]["jirasimContext"] == {
        "jira": {"project": {"key": "WEB", "id": "10001"}}
    }
    verify_iframe_url(embed["url"], installed_app)
    assert "Rollbook (ROLL)" in response.text  # the sidebar lists the projects


def test_project_pages_respect_browse_permission(sim_client, installed_app) -> None:
    sign_in(sim_client, MEMBER_ID)
    assert sim_client.get("/projects/SEC/apps/com.example.fake/proj").status_code == 404
    assert sim_client.get("/projects/SEC").status_code == 404
    sign_in(sim_client, ADMIN_ID)
    assert sim_client.get("/projects/SEC/apps/com.example.fake/proj").status_code == 200


def test_dashboard_shows_the_dashboard_items(sim_client, installed_app) -> None:
    sign_in(sim_client, OUTSIDER_ID)
    (embed,) = page_data(sim_client.get("/").text)["embeds"]
    assert embed["key"] == "gadget"
    assert "/gadget?item=10000&dashboard=10000&" in embed["url"]
    verify_iframe_url(embed["url"], installed_app)


def test_admin_pages_are_for_administrators_only(sim_client, installed_app) -> None:
    sign_in(sim_client, MEMBER_ID)
    assert sim_client.get("/plugins/servlet/ac/com.example.fake/admin").status_code == 404
    assert sim_client.get("/jira/settings/apps").status_code == 404
    assert "Apps admin" not in sim_client.get("/").text
    sign_in(sim_client, ADMIN_ID)
    assert sim_client.get("/plugins/servlet/ac/com.example.fake/admin").status_code == 200
    apps = sim_client.get("/jira/settings/apps")
    assert apps.status_code == 200 and "com.example.fake" in apps.text


def test_issue_view(sim_client, sim_site) -> None:
    issue = next(i for i in sim_site.issues if i["fields"]["project"]["key"] == "ROLL")
    sign_in(sim_client, MEMBER_ID)
    response = sim_client.get(f"/browse/{issue['key']}")
    assert response.status_code == 200
    assert f'data-issue-key="{issue["key"]}"' in response.text
    secret = next(i for i in sim_site.issues if i["fields"]["project"]["key"] == "SEC")
    assert sim_client.get(f"/browse/{secret['key']}").status_code == 404


def test_context_token_from_the_bridge(sim_client, installed_app) -> None:
    sign_in(sim_client, MEMBER_ID)
    response = sim_client.post(
        "/_jirasim/bridge/context-token", headers={"X-Jirasim-Connect-App": installed_app.key}
    )
    token = response.json()["token"]
    claims = jwt.decode(token, installed_app.shared_secret, algorithms=["HS256"])
    assert claims["qsh"] == "context-qsh"
    assert claims["iss"] == installed_app.client_key and claims["sub"] == MEMBER_ID
    assert claims["exp"] - claims["iat"] == 900
    verified = verify_tenant_token(
        token,
        kind=RouteKind.CONTEXT,
        target=RequestTarget("GET", "/api/me", ""),
        find_tenant=lambda key: Tenant(installed_app.client_key, installed_app.shared_secret),
    )
    assert verified.account_id == MEMBER_ID


def test_bridge_needs_a_signed_in_user_and_an_installed_app(sim_client, installed_app) -> None:
    headers = {"X-Jirasim-Connect-App": installed_app.key}
    assert sim_client.post("/_jirasim/bridge/context-token", headers=headers).status_code == 401
    sign_in(sim_client, MEMBER_ID)
    other = {"X-Jirasim-Connect-App": "com.example.nope"}
    assert sim_client.post("/_jirasim/bridge/context-token", headers=other).status_code == 404


def test_dialog_iframe_url_from_the_bridge(sim_client, installed_app) -> None:
    sign_in(sim_client, MEMBER_ID)
    response = sim_client.get(
        "/_jirasim/bridge/iframe-url",
        params={"module": "dlg"},
        headers={"X-Jirasim-Connect-App": installed_app.key},
    )
    url = response.json()["url"]
    assert url.startswith("http://fake-app.test/dialog?")
    verify_iframe_url(url, installed_app)


def test_user_switcher_only_redirects_within_the_site(sim_client) -> None:
    response = sim_client.post(
        "/_jirasim/session",
        content="account_id=nobody&next=https://evil.example/",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        follow_redirects=False,
    )
    assert response.headers["location"] == "/"


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("/p?k={project.key}&i={project.id}", "/p?k=A%20B&i=10"),
        ("/p/{project.key}", "/p/A%20B"),
        ("/p?x={unknown.var}", "/p?x="),
    ],
)
def test_context_parameter_substitution(template, expected) -> None:
    assert substitute(template, {"project.key": "A B", "project.id": "10"}) == expected


def test_connect_scripts_are_served(sim_client) -> None:
    for path in (
        "/atlassian-connect/all.js",
        "/connect/all.js",
        "/_jirasim/static/connect-host.js",
    ):
        response = sim_client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("application/javascript")
    assert "connectHost" in sim_client.get("/_jirasim/static/connect-host.js").text
