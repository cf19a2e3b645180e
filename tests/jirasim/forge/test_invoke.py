"""`invokeRemote` through jirasim's server side (`POST /_jirasim/forge/invoke`, what the host
page calls for a frame): forwarded to the remote with a FIT naming the view and the signed-in
user, answered or rejected as Forge does; the view rules; gadget configuration storage."""

from __future__ import annotations

import json
from typing import Any

import pytest

import jirasim.forge.invoke as invoke_module

ADMIN = "5b10ac8d82e05b22cc7d4ef5"
MEMBER = "5b10a0effa615349cb016cd8"
GADGET_ID = "20000"


def sign_in(client, account_id: str) -> None:
    client.post(
        "/_jirasim/session", data={"account_id": account_id, "next": "/"}, follow_redirects=False
    )


def view(
    installed: dict[str, Any], forge, module_key: str = "probe-global", **extra: str
) -> dict[str, Any]:
    return {
        "appUuid": forge.app_uuid,
        "environmentId": installed["environmentId"],
        "moduleKey": module_key,
        **extra,
    }


def call(path: str, method: str = "GET", body: Any = None) -> dict[str, Any]:
    return {
        "path": path,
        "method": method,
        "headers": {"x-probe": "yes", "Authorization": "Bearer forged"},
        "body": body,
        "invokeType": "ui-remote-fetch",
    }


def invoke(client, the_view, the_call):
    return client.post("/_jirasim/forge/invoke", json={"view": the_view, "call": the_call})


def test_invoke_forwards_with_fit_context_principal_and_token(
    forge_client, installed, remote, forge
) -> None:
    sign_in(forge_client, MEMBER)
    response = invoke(forge_client, view(installed, forge), call("/api/echo", "POST", {"n": 1}))
    answer = response.json()
    assert answer["ok"] is True, answer
    assert answer["payload"]["status"] == 200
    assert answer["payload"]["body"] == {"method": "POST", "body": '{"n": 1}'}
    assert answer["payload"]["headers"]["content-type"] == ["application/json"]
    sent = remote.last("/api/echo")
    assert sent["headers"]["x-probe"] == "yes"
    assert sent["headers"]["content-type"] == "application/json"
    assert sent["headers"]["x-forge-oauth-system"]
    claims = forge.verify_fit(
        forge_client, sent["headers"]["authorization"].removeprefix("Bearer ")
    )
    assert claims["principal"] == MEMBER
    assert claims["app"]["module"] == {"type": "jira:globalPage", "key": "probe-global"}
    context = claims["context"]
    assert context["cloudId"] == installed["cloudId"]
    assert context["moduleKey"] == "probe-global"
    assert context["siteUrl"] == "http://jirasim.test"
    assert context["extension"] == {"type": "jira:globalPage"}
    assert context["localId"].startswith(f"ari:cloud:ecosystem::extension/{forge.app_uuid}/")


def test_each_invocation_gets_a_fresh_jti(forge_client, installed, remote, forge) -> None:
    sign_in(forge_client, MEMBER)
    for _ in range(2):
        invoke(forge_client, view(installed, forge), call("/api/echo"))
    tokens = [
        e["headers"]["authorization"][7:] for e in remote.received if e["path"] == "/api/echo"
    ]
    jtis = {forge.verify_fit(forge_client, t)["jti"] for t in tokens}
    assert len(jtis) == 2


@pytest.mark.parametrize("status", [400, 403, 404, 409, 422, 500])
def test_json_error_answers_resolve_with_their_status(
    forge_client, installed, forge, status
) -> None:
    sign_in(forge_client, MEMBER)
    answer = invoke(forge_client, view(installed, forge), call(f"/api/status/{status}")).json()
    assert answer["ok"] is True
    assert answer["payload"]["status"] == status
    assert answer["payload"]["body"] == {"error": "code", "message": f"status {status}"}


def test_an_empty_2xx_resolves_without_body(forge_client, installed, forge) -> None:
    sign_in(forge_client, MEMBER)
    answer = invoke(forge_client, view(installed, forge), call("/api/status/204")).json()
    assert answer["ok"] is True and answer["payload"]["status"] == 204
    assert "body" not in answer["payload"]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/api/status/401", "Remote could not verify the Forge Invocation Token"),
        ("/api/text", "content type text/plain"),
    ],
)
def test_401_and_non_json_reject(forge_client, installed, forge, path, message) -> None:
    sign_in(forge_client, MEMBER)
    answer = invoke(forge_client, view(installed, forge), call(path)).json()
    assert answer["ok"] is False and message in answer["error"]


def test_a_slow_remote_times_out(forge_client, installed, forge, monkeypatch) -> None:
    monkeypatch.setattr(invoke_module, "UI_TIMEOUT_SECONDS", 0.3)
    sign_in(forge_client, MEMBER)
    answer = invoke(forge_client, view(installed, forge), call("/api/slow")).json()
    assert answer == {"ok": False, "error": "The remote did not answer within 25 seconds."}


@pytest.mark.parametrize(
    "bad_call",
    [
        {**call("/api/echo"), "invokeType": "ui-container-fetch"},
        {**call("api/echo")},
        {**call("/api/echo"), "method": "TRACE"},
        {**call("/api/echo", "POST", {"big": "x" * 600_000})},
    ],
    ids=["invoke-type", "relative-path", "method", "too-large"],
)
def test_malformed_calls_reject(forge_client, installed, forge, remote, bad_call) -> None:
    sign_in(forge_client, MEMBER)
    before = len(remote.received)
    answer = invoke(forge_client, view(installed, forge), bad_call).json()
    assert answer["ok"] is False
    assert len(remote.received) == before


def test_project_view_carries_the_project_and_follows_browse_rules(
    forge_client, installed, remote, forge
) -> None:
    sign_in(forge_client, MEMBER)
    the_view = view(installed, forge, "probe-project", projectKey="ROLL")
    assert invoke(forge_client, the_view, call("/api/echo")).json()["ok"] is True
    claims = forge.verify_fit(
        forge_client, remote.last("/api/echo")["headers"]["authorization"][7:]
    )
    project = claims["context"]["extension"]["project"]
    assert project["key"] == "ROLL" and project["type"] == "software" and project["id"]
    hidden = invoke(
        forge_client, view(installed, forge, "probe-project", projectKey="SEC"), call("/api/echo")
    )
    assert hidden.status_code == 404


@pytest.mark.parametrize(
    ("account", "module_key", "extra", "status"),
    [
        (MEMBER, "probe-admin", {}, 404),
        (ADMIN, "probe-admin", {}, 200),
        (MEMBER, "probe-gadget", {"gadgetId": GADGET_ID, "entryPoint": "edit"}, 403),
        (ADMIN, "probe-gadget", {"gadgetId": GADGET_ID, "entryPoint": "edit"}, 200),
        (MEMBER, "probe-gadget", {"gadgetId": GADGET_ID}, 200),
        (MEMBER, "probe-gadget", {"gadgetId": "99999"}, 404),
        (MEMBER, "no-such-module", {}, 404),
    ],
)
def test_view_rules(forge_client, installed, forge, account, module_key, extra, status) -> None:
    sign_in(forge_client, account)
    response = invoke(forge_client, view(installed, forge, module_key, **extra), call("/api/echo"))
    assert response.status_code == status


def test_invoke_needs_a_signed_in_user(forge_client, installed, forge) -> None:
    response = invoke(forge_client, view(installed, forge), call("/api/echo"))
    assert response.status_code == 401


def test_gadget_configuration_is_stored_and_reaches_the_view(
    forge_client, installed, remote, forge
) -> None:
    sign_in(forge_client, ADMIN)
    edit = view(installed, forge, "probe-gadget", gadgetId=GADGET_ID, entryPoint="edit")
    response = forge_client.post(
        "/_jirasim/forge/gadget-configuration",
        json={"view": edit, "configuration": {"reportId": 7}},
    )
    assert response.status_code == 200
    extension = response.json()["context"]["extension"]
    assert extension["gadgetConfiguration"] == {"reportId": 7}
    assert "entryPoint" not in extension and extension["editable"] is True
    sign_in(forge_client, MEMBER)
    shown = view(installed, forge, "probe-gadget", gadgetId=GADGET_ID)
    invoke(forge_client, shown, call("/api/echo"))
    claims = forge.verify_fit(
        forge_client, remote.last("/api/echo")["headers"]["authorization"][7:]
    )
    assert claims["context"]["extension"]["gadgetConfiguration"] == {"reportId": 7}
    assert claims["context"]["extension"]["editable"] is False


@pytest.mark.parametrize(
    ("account", "the_view", "configuration", "status"),
    [
        (MEMBER, {"gadgetId": GADGET_ID, "entryPoint": "edit"}, {"a": 1}, 403),
        (ADMIN, {"gadgetId": GADGET_ID}, {"a": 1}, 400),
        (ADMIN, {"gadgetId": GADGET_ID, "entryPoint": "edit"}, ["not", "an", "object"], 400),
    ],
)
def test_gadget_configuration_refusals(
    forge_client, installed, forge, account, the_view, configuration, status
) -> None:
    sign_in(forge_client, account)
    response = forge_client.post(
        "/_jirasim/forge/gadget-configuration",
        json={
            "view": view(installed, forge, "probe-gadget", **the_view),
            "configuration": configuration,
        },
    )
    assert response.status_code == status
    assert json.loads(response.text)["errorMessages"]
