"""The demo's landing page (/start): who each demo user is, and buttons that sign in as them and
open each installed app; and the favicon every page asks for."""

from __future__ import annotations

import re
from html import unescape

import pytest

ADMIN_ID = "5b10ac8d82e05b22cc7d4ef5"
MEMBER_ID = "5b10a0effa615349cb016cd8"
OUTSIDER_ID = "5b109f2e9729b51b54dc274d"


def _row(html: str, account_id: str) -> str:
    match = re.search(
        rf'<tr data-testid="start-user" data-account-id="{account_id}">(.*?)</tr>', html
    )
    assert match, f"no row for {account_id}"
    return unescape(match.group(1))


@pytest.mark.parametrize(
    ("account_id", "name", "role"),
    [
        pytest.param(ADMIN_ID, "Ada Admin", "Administrator", id="admin"),
        pytest.param(MEMBER_ID, "Max Member", "Member", id="member"),
        pytest.param(OUTSIDER_ID, "Olive Outsider", "Outsider", id="outsider"),
    ],
)
def test_the_start_page_says_who_each_demo_user_is(
    sim_client, installed_app, account_id: str, name: str, role: str
) -> None:
    response = sim_client.get("/start")
    assert response.status_code == 200
    row = _row(response.text, account_id)
    assert name in row and f"<strong>{role}</strong>" in row
    assert f'aria-label="Open {installed_app.name}' in row
    assert f'name="account_id" value="{account_id}"' in row


def test_a_start_button_signs_in_and_opens_the_app(sim_client, installed_app) -> None:
    row = _row(sim_client.get("/start").text, MEMBER_ID)
    target = re.search(r'name="next" value="([^"]+)"', row)
    assert target and target.group(1).startswith("/plugins/servlet/ac/com.example.fake/")
    response = sim_client.post(
        "/_jirasim/session",
        data={"account_id": MEMBER_ID, "next": target.group(1)},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert "Max Member" in response.text and "jirasim-page" in response.text


def test_the_start_page_without_apps_says_so(sim_client) -> None:
    assert "No app is installed yet." in sim_client.get("/start").text


def test_the_signed_out_dashboard_points_to_the_start_page(sim_client) -> None:
    assert '<a href="/start">start page</a>' in sim_client.get("/").text


def test_a_favicon_is_served_and_linked(sim_client) -> None:
    icon = sim_client.get("/favicon.ico")
    assert icon.status_code == 200
    assert icon.headers["content-type"] == "image/svg+xml"
    assert icon.content.startswith(b"<svg")
    assert '<link rel="icon" href="/favicon.ico"' in sim_client.get("/start").text
