"""The Connect descriptor is valid JSON with the fields Jira needs."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_descriptor_fields(client: TestClient) -> None:
    response = client.get("/atlassian-connect.json")
    assert response.status_code == 200
    descriptor = response.json()
    assert descriptor["key"] == "com.rollbook.reports"
    assert descriptor["name"] == "Rollbook"
    assert descriptor["vendor"]["name"]
    assert descriptor["baseUrl"] == "https://rollbook.test"
    assert descriptor["authentication"] == {"type": "jwt"}
    assert descriptor["lifecycle"] == {
        "installed": "/installed",
        "uninstalled": "/uninstalled",
        "enabled": "/enabled",
        "disabled": "/disabled",
    }
    assert descriptor["scopes"] == ["READ"]
    assert descriptor["apiMigrations"] == {
        "signed-install": True,
        "context-qsh": True,
        "gdpr": True,
    }
    modules = descriptor["modules"]
    assert modules["generalPages"][0]["url"] == "/ui/reports"
    assert modules["jiraProjectPages"][0]["url"].startswith("/ui/project?projectKey={project.key}")
    assert modules["adminPages"][0]["url"] == "/ui/admin"
    assert modules["adminPages"][0]["conditions"] == [{"condition": "user_is_admin"}]
    assert modules["jiraDashboardItems"][0]["url"].startswith("/ui/gadget?")
    # Confirmations use Jira's modal, so its backdrop covers the Jira page, not only the iframe.
    assert modules["dialogs"] == [
        {
            "key": "confirm",
            "url": "/ui/confirm",
            "options": {"chrome": False, "width": "480px", "height": "220px"},
        }
    ]
    for group in modules.values():
        for module in group:
            assert module["key"].replace("-", "").isalnum() and len(module["key"]) <= 100
