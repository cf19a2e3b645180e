"""The two hosts a browser test can run Rollbook in, behind one interface: the Connect app
(`AP`, iframe pages served by the Rollbook server, API calls with a context JWT) and the Forge
app (Custom UI resource served by jirasim from its own origin, `@forge/bridge`, API calls through
`invokeRemote` with a FIT). Tests take the host as a parameter and ask it where things are."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
from devstack import APP_KEY, Stack

from jirasim.dataset import DEMO_ADMIN
from jirasim.host.pages import DASHBOARD_ID, dashboard_item_id
from support.browser import app_frame, forge_frame, sign_in

FORGE_PAGE = "#forge-app-frame"
FORGE_GADGET = "section.gadget[data-host='forge'] .app-container[data-host='forge']"


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass(frozen=True)
class ServerCall:
    """A call the browser made for the Rollbook server, as it left the browser."""

    method: str
    path: str
    text: str  # everything it carried: URL, body and headers


class ConnectHost:
    name = "connect"

    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        self.frame_origin = stack.app_url
        self.asset_base = f"{stack.app_url}/static/app/assets/"
        # The page shell's own script, before the bundle.
        self.shell_script = f"{stack.jira_url}/atlassian-connect/all.js"
        self.gadget_title = "section.gadget[data-host='connect'] h3"
        # Stores the browser refuses the app frame (the privacy test reads all the others).
        self.storage_denied: frozenset[str] = frozenset()

    def open_reports(self, page: Any, user: str, report_id: str | None = None) -> Any:
        """Rollbook's general page (on one report with `?ac.report=`, as AP.navigator links do)."""
        sign_in(page, self.stack.jira_url, user)
        page.goto(self.report_page_url(report_id) if report_id else self.stack.general_page)
        return app_frame(page, self.stack.app_url)

    def open_dashboard(self, page: Any, user: str) -> Any:
        self._dashboard(page, user)
        return app_frame(page, self.stack.app_url)

    def open_admin(self, page: Any, user: str) -> Any:
        sign_in(page, self.stack.jira_url, user)
        page.goto(f"{self.stack.jira_url}/plugins/servlet/ac/{APP_KEY}/rollbook-admin")
        return app_frame(page, self.stack.app_url)

    def _dashboard(self, page: Any, user: str) -> None:
        sign_in(page, self.stack.jira_url, user)
        if page.url.rstrip("/") != self.stack.jira_url:
            page.goto(f"{self.stack.jira_url}/")

    def report_frame(self, page: Any) -> Any:
        return app_frame(page, self.stack.app_url)

    def report_page_url(self, report_id: str) -> str:
        return f"{self.stack.general_page}?ac.report={report_id}"

    def choose_gadget_report(
        self, page: Any, frame: Any, report_id: str, view: str | None = None
    ) -> Any:
        """Picks the report (and the view named `view`) in the gadget itself (Rollbook stores
        the choice)."""
        _pick(frame, report_id, view)
        return frame

    def change_gadget_control(self, page: Any, frame: Any) -> Any:
        return frame.get_by_test_id("gadget").get_by_role("button", name="Change")

    def store_gadget_choice(self, report_id: str, view_id: str | None = None) -> None:
        """What the gadget's picker does: Rollbook stores the choice for the dashboard item."""
        choice = {"dashboard_id": DASHBOARD_ID, "report_id": report_id, "view_id": view_id}
        with self.api(DEMO_ADMIN.account_id) as api:
            response = api.put(f"/api/gadgets/{dashboard_item_id(0)}", json=choice)
        assert response.status_code == 200, response.text

    def api(self, account_id: str) -> httpx.Client:
        return self.stack.api(account_id)

    def server_calls(self, requests: list[Any]) -> list[ServerCall]:
        """Browser requests to the Rollbook server's origin."""
        return [
            ServerCall(r.method, urlsplit(r.url).path, _request_text(r))
            for r in requests
            if origin(r.url) == self.stack.app_url
        ]

    def frame_request_allowed(self, url: str) -> bool:
        """What the app frame may load: from the Rollbook server its pages, bundle and API, but
        not the Forge adapter's chunk; from the Jira site Connect's all.js and nothing else
        (REST goes through AP.request)."""
        if origin(url) == self.stack.jira_url:
            return url == self.shell_script
        path = urlsplit(url).path
        if path.startswith("/static/app/assets/forgeStart-"):
            return False
        return origin(url) == self.stack.app_url and path.split("/")[1] in {"ui", "static", "api"}


class ForgeHost:
    name = "forge"

    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        self.install = stack.forge
        self.frame_origin = stack.forge_resource_origin
        view = stack.forge_view()
        resource = f"/_jirasim/forge/resources/{view['appUuid']}/{view['environmentId']}/main"
        self.asset_base = f"{self.frame_origin}{resource}/assets/"
        self.shell_script = f"{self.frame_origin}/_jirasim/forge/global-bridge.js"
        self.gadget_title = "section.gadget[data-host='forge'] h3"
        self.storage_denied = frozenset(
            {"local", "session", "indexedDB", "caches", "opfs", "serviceWorkers"}
        )

    def _page(self, name: str) -> str:
        return f"{self.stack.jira_url}{self.install['pages'][name]}"

    def open_reports(self, page: Any, user: str, report_id: str | None = None) -> Any:
        sign_in(page, self.stack.jira_url, user)
        page.goto(self.report_page_url(report_id) if report_id else self._page("global"))
        return forge_frame(page, FORGE_PAGE)

    def open_dashboard(self, page: Any, user: str) -> Any:
        sign_in(page, self.stack.jira_url, user)
        if page.url.rstrip("/") != self.stack.jira_url:
            page.goto(f"{self.stack.jira_url}/")
        return forge_frame(page, FORGE_GADGET)

    def open_admin(self, page: Any, user: str) -> Any:
        sign_in(page, self.stack.jira_url, user)
        page.goto(self._page("admin"))
        return forge_frame(page, FORGE_PAGE)

    def report_frame(self, page: Any) -> Any:
        return forge_frame(page, FORGE_PAGE)

    def report_page_url(self, report_id: str) -> str:
        # The app's history path `/report/{id}` follows the page URL, as on Jira.
        return f"{self._page('global')}/report/{report_id}"

    def choose_gadget_report(
        self, page: Any, frame: Any, report_id: str, view: str | None = None
    ) -> Any:
        """Picks the report (and the view named `view`) in the gadget's edit view; `view.submit`
        stores it in Jira and the gadget shows its view again, in a new frame."""
        page.locator("[data-testid='forge-gadget-edit']").click()
        _pick(forge_frame(page, f"{FORGE_GADGET}[data-entry-point='edit']"), report_id, view)
        return forge_frame(page, f"{FORGE_GADGET}[data-entry-point='view']")

    def change_gadget_control(self, page: Any, frame: Any) -> Any:
        # On Forge the gadget's settings live in Jira's own Edit control, not in the frame.
        return page.locator("[data-testid='forge-gadget-edit']")

    def store_gadget_choice(self, report_id: str, view_id: str | None = None) -> None:
        self.stack.choose_forge_gadget_report(DEMO_ADMIN.account_id, report_id, view_id)

    def api(self, account_id: str) -> httpx.Client:
        return self.stack.forge_api(account_id)

    def server_calls(self, requests: list[Any]) -> list[ServerCall]:
        """Browser requests that carry an `invokeRemote` call to jirasim, which forwards it."""
        calls = []
        for request in requests:
            if request.url != f"{self.stack.jira_url}/_jirasim/forge/invoke":
                continue
            call = json.loads(request.post_data or "{}").get("call", {})
            calls.append(ServerCall(request.method, call.get("path", ""), _request_text(request)))
        return calls

    def frame_request_allowed(self, url: str) -> bool:
        """The frame loads only from its own resource origin: the bridge script and the
        resource. Jira and the Rollbook server are reached through the host page's bridge."""
        path = urlsplit(url).path
        return origin(url) == self.frame_origin and path.startswith("/_jirasim/forge/")


def _pick(frame: Any, report_id: str, view: str | None) -> None:
    """The gadget's picker: the report, then (the report's views once read) the view by name."""
    frame.get_by_label("Report to show").select_option(report_id)
    if view is not None:
        frame.get_by_label("View to show").select_option(label=view)
    frame.get_by_role("button", name="Show").click()


def _request_text(request: Any) -> str:
    body = (request.post_data_buffer or b"").decode("utf-8", "replace")
    headers = "\n".join(f"{k}: {v}" for k, v in request.headers.items())
    return f"{request.url}\n{body}\n{headers}"


Host = ConnectHost | ForgeHost
HOSTS = {"connect": ConnectHost, "forge": ForgeHost}
