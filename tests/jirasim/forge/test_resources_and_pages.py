"""Custom UI resources (only on the resource origin, bridge script injected, Forge's CSP from the
manifest) and the Forge pages at Jira's URLs: who sees them, their frame data, and where the app
appears in the site's chrome."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from jirasim.forge.csp import content_security_policy
from jirasim.forge.manifest import Permissions

ADMIN = "5b10ac8d82e05b22cc7d4ef5"
MEMBER = "5b10a0effa615349cb016cd8"
OUTSIDER_EMAIL = "outsider@example.com"


def sign_in(client, account_id: str) -> None:
    client.post(
        "/_jirasim/session", data={"account_id": account_id, "next": "/"}, follow_redirects=False
    )


def resource_base(installed: dict[str, Any], forge) -> str:
    return (
        f"{forge.resource_origin}/_jirasim/forge/resources/{forge.app_uuid}/"
        f"{installed['environmentId']}/probe/"
    )


def page_data(html: str) -> dict[str, Any]:
    found = re.search(
        r'<script type="application/json" id="jirasim-page">(.*?)</script>', html, re.S
    )
    assert found
    return dict(json.loads(found.group(1)))


def csp_directives(header: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in header.split("; ")}


def test_index_html_gets_the_bridge_first_in_head_and_the_csp(
    forge_client, installed, forge
) -> None:
    response = forge_client.get(resource_base(installed, forge))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    head = response.text.split("<head>", 1)[1]
    assert head.startswith('<script src="/_jirasim/forge/global-bridge.js"></script>')
    csp = csp_directives(response.headers["content-security-policy"])
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["connect-src"] == ["'self'", "https://allowed.example.com"]
    assert csp["img-src"] == [
        "'self'",
        "data:",
        "blob:",
        "http://jirasim.test",
        "*.atlassian.net",
    ]
    assert csp["frame-ancestors"] == ["http://jirasim.test"]
    assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'none'"]
    assert csp["report-uri"] == ["/_jirasim/forge/csp-report"]


def test_assets_are_served_under_the_same_csp(forge_client, installed, forge) -> None:
    response = forge_client.get(resource_base(installed, forge) + "assets/probe.js")
    assert response.status_code == 200 and "window.probe" in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "suffix",
    ["assets/missing.js", "../manifest.yml", "..%2Fmanifest.yml", "assets/../../manifest.yml"],
)
def test_only_files_inside_the_resource_are_served(forge_client, installed, forge, suffix) -> None:
    assert forge_client.get(resource_base(installed, forge) + suffix).status_code == 404


def test_resources_are_not_served_on_the_page_origin(forge_client, installed, forge) -> None:
    on_page_origin = resource_base(installed, forge).replace(
        forge.resource_origin, "http://jirasim.test"
    )
    assert forge_client.get(on_page_origin).status_code == 404
    assert (
        forge_client.get("http://jirasim.test/_jirasim/forge/global-bridge.js").status_code == 404
    )


def test_the_bridge_script_knows_the_page_origin(forge_client, forge) -> None:
    script = forge_client.get(f"{forge.resource_origin}/_jirasim/forge/global-bridge.js").text
    assert 'var HOST_ORIGIN = "http://jirasim.test";' in script
    assert "__JIRASIM_PAGE_ORIGIN__" not in script


@pytest.mark.parametrize(
    ("permissions", "directive", "expected"),
    [
        (Permissions(), "style-src", ["'self'"]),
        (
            Permissions(content_styles=("unsafe-inline",)),
            "style-src",
            ["'self'", "'unsafe-inline'"],
        ),
        (Permissions(), "script-src", ["'self'"]),
        (
            Permissions(content_scripts=("unsafe-eval", "sha256-abc=", "blob:", "bogus")),
            "script-src",
            ["'self'", "'unsafe-eval'", "'sha256-abc='", "blob:"],
        ),
        (
            Permissions(external={"scripts": ("https://cdn.example.com",)}),
            "script-src",
            ["'self'", "https://cdn.example.com"],
        ),
        (
            Permissions(external={"fetch.client": ("https://a.example.com", "x; script-src *")}),
            "connect-src",
            ["'self'", "https://a.example.com"],
        ),
        (Permissions(), "frame-src", ["'none'"]),
        (Permissions(), "frame-ancestors", ["http://localhost:1"]),
    ],
)
def test_csp_from_permissions(permissions, directive, expected) -> None:
    header = content_security_policy(permissions, page_origin="http://localhost:1")
    assert csp_directives(header)[directive] == expected


def test_csp_reports_are_recorded_and_cleared(forge_client, forge) -> None:
    report = {"csp-report": {"blocked-uri": "inline", "violated-directive": "script-src-elem"}}
    response = forge_client.post(
        f"{forge.resource_origin}/_jirasim/forge/csp-report",
        content=json.dumps(report),
        headers={"Content-Type": "application/csp-report"},
    )
    assert response.status_code == 204
    forwarded = {
        "violation": {"blockedURI": "https://evil.example", "effectiveDirective": "connect-src"}
    }
    assert forge_client.post("/_jirasim/forge/csp-violations", json=forwarded).status_code == 204
    seen = forge_client.get("/_jirasim/forge/csp-violations", headers=forge.admin_headers).json()
    assert seen["violations"] == [
        {"blocked-uri": "inline", "violated-directive": "script-src-elem", "source": "report-uri"},
        {
            "blockedURI": "https://evil.example",
            "effectiveDirective": "connect-src",
            "source": "bridge",
        },
    ]
    forge_client.delete("/_jirasim/forge/csp-violations", headers=forge.admin_headers)
    assert forge_client.get(
        "/_jirasim/forge/csp-violations", headers=forge.admin_headers
    ).json() == {"violations": []}


# --- pages ------------------------------------------------------------------------------------


def test_global_page_frame_data(forge_client, installed, forge) -> None:
    sign_in(forge_client, MEMBER)
    page = installed["pages"]["global"]
    response = forge_client.get(f"{page}/report/123")
    assert response.status_code == 200
    assert 'data-host="forge"' in response.text and 'data-bridge="pending"' in response.text
    (spec,) = page_data(response.text)["forge"]
    assert spec["pagePath"] == page
    assert spec["sandbox"] == (
        "allow-scripts allow-same-origin allow-forms allow-downloads allow-modals allow-popups"
    )
    assert spec["resourceOrigin"] == forge.resource_origin
    assert spec["view"]["frameUrl"] == resource_base(installed, forge)
    context = spec["view"]["context"]
    assert context["accountId"] == MEMBER
    assert context["cloudId"] == installed["cloudId"]
    assert context["environmentId"] == installed["environmentId"]
    assert context["environmentType"] == "DEVELOPMENT"
    assert context["extension"] == {"type": "jira:globalPage"}
    assert context["moduleKey"] == "probe-global" and context["siteUrl"] == "http://jirasim.test"
    assert context["locale"] == "en-US" and context["timezone"]
    assert spec["modulePages"] == {
        "probe-global": page,
        "probe-admin": installed["pages"]["admin"],
    }


@pytest.mark.parametrize(
    ("account", "path", "status"),
    [
        (MEMBER, "admin", 404),
        (ADMIN, "admin", 200),
        (MEMBER, "project:ROLL", 200),
        (MEMBER, "project:SEC", 404),
        (ADMIN, "project:SEC", 200),
        (MEMBER, "project:NOPE", 404),
        (MEMBER, "other-env", 404),
    ],
)
def test_page_access(forge_client, installed, forge, account, path, status) -> None:
    sign_in(forge_client, account)
    pages = installed["pages"]
    if path.startswith("project:"):
        url = pages["project"].replace("{projectKey}", path.split(":")[1])
    elif path == "other-env":
        url = f"/jira/apps/{forge.app_uuid}/00000000-0000-0000-0000-000000000000"
    else:
        url = pages[path]
    assert forge_client.get(url).status_code == status


def test_project_page_context_and_sidebar(forge_client, installed) -> None:
    sign_in(forge_client, MEMBER)
    url = installed["pages"]["project"].replace("{projectKey}", "ROLL")
    html = forge_client.get(url).text
    (spec,) = page_data(html)["forge"]
    assert spec["view"]["context"]["extension"]["project"]["key"] == "ROLL"
    assert spec["modulePages"]["probe-project"] == url
    assert f'<a class="active" href="{url}">Probe (Forge)</a>' in html


def test_the_app_is_in_the_apps_menu_and_admin_list(forge_client, installed) -> None:
    sign_in(forge_client, ADMIN)
    dashboard = forge_client.get("/").text
    assert f'href="{installed["pages"]["global"]}">Probe (Forge)</a>' in dashboard
    admin_list = forge_client.get("/jira/settings/apps").text
    assert "Probe (Forge)" in admin_list and installed["pages"]["admin"] in admin_list


@pytest.mark.parametrize(("account", "editable"), [(ADMIN, True), (MEMBER, False)])
def test_dashboard_gadget_edit_control_for_editors_only(
    forge_client, installed, account, editable
) -> None:
    sign_in(forge_client, account)
    html = forge_client.get("/").text
    assert 'id="forge-gadget-20000"' in html
    assert ('data-testid="forge-gadget-edit"' in html) is editable
    spec = next(s for s in page_data(html)["forge"] if s["container"] == "forge-gadget-20000")
    extension = spec["view"]["context"]["extension"]
    assert extension["gadget"] == {"id": "20000"} and extension["dashboard"] == {"id": "10000"}
    assert extension["gadgetConfiguration"] == {} and extension["editable"] is editable
    assert "entryPoint" not in extension
    assert ("edit" in spec) is editable
    if editable:
        assert spec["edit"]["context"]["extension"]["entryPoint"] == "edit"


def test_pages_ask_anonymous_visitors_to_sign_in(forge_client, installed) -> None:
    response = forge_client.get(installed["pages"]["global"])
    assert response.status_code == 200 and "Choose a user" in response.text
    assert page_data(response.text)["forge"] == []
