"""End-to-end fixtures: the client bundle (built when stale), one jirasim + Rollbook stack for
the whole e2e session (real processes, real signed install), headless Chromium (one per module)
with a fresh context per test, and `e2e`: helpers that drive the app in the jirasim host page and
compute what a report must show from the same issues, fetched from jirasim's REST API."""

from __future__ import annotations

import base64
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from devstack import Stack, running_stack

from jirasim.dataset import DEMO_ADMIN, DEMO_MEMBER, DEMO_OUTSIDER
from jirasim.site import User
from support.browser import CHROMIUM, CHROMIUM_ARGS, require_chromium
from support.bundle import ensure_client_bundle
from support.engine import run_engine
from support.heap import issue_keys_in_memory
from support.hosts import HOSTS, Host

ISSUES = 1000
SEED = 7
USERS: dict[str, User] = {"admin": DEMO_ADMIN, "member": DEMO_MEMBER, "outsider": DEMO_OUTSIDER}
VIEWPORT = {"width": 1280, "height": 800}
RUN_TIMEOUT_MS = 90_000

STORY_POINTS = "customfield_10016"
# The report of brief items 2 to 5 and 11: points and time spent by status, ROLL and WEB.
POINTS_DEFINITION: dict[str, Any] = {
    "name": "Points by status",
    "jql": "project in (ROLL, WEB)",
    "columns": [
        {"field": "summary"},
        {"field": STORY_POINTS, "aggregation": "sum"},
        {"field": "timespent", "aggregation": "sum"},
    ],
    "grouping_rules": [{"field": "status"}],
}

# Scrolls the virtualized report table from top to bottom and returns every row it rendered on
# the way (header excluded), in display order: kind, group key/id/depth/expanded/label, issue key,
# the group's count text and "Open in Jira" link, the row's inner height and the text of every cell
# with a data-column. With `styled`, also each cell's tone, height and computed colours.
COLLECT_ROWS_JS = """
async (styled) => {
  const scroller = document.querySelector('[data-testid="report-scroller"]');
  const table = scroller.querySelector('[data-testid="report-table"]');
  const total = Number(table.dataset.rowCount);
  const rows = new Map();
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const describe = (el) => {
    const cells = {};
    const styles = {};
    for (const cell of el.querySelectorAll('[data-column]')) {
      cells[cell.dataset.column] = cell.textContent;
      if (!styled) continue;
      const style = getComputedStyle(cell);
      styles[cell.dataset.column] = {
        tone: cell.dataset.tone ?? null,
        height: cell.getBoundingClientRect().height,
        background: style.backgroundColor,
        color: style.color,
      };
    }
    const count = el.querySelector('.rb-group-count');
    const link = el.querySelector('[data-testid="open-in-jira"]');
    return {
      index: Number(el.getAttribute('aria-rowindex')) - 2,
      kind: el.dataset.testid,
      groupKey: el.dataset.groupKey ?? null,
      groupId: el.dataset.groupId ?? null,
      depth: el.dataset.depth === undefined ? null : Number(el.dataset.depth),
      expanded: el.getAttribute('aria-expanded'),
      issueKey: el.dataset.issueKey ?? null,
      count: count ? count.textContent : null,
      label: el.querySelector('.rb-group-label')?.textContent ?? null,
      href: link ? link.href : null,
      // Inside the row's borders (the total has a thick top border).
      rowHeight: el.clientHeight,
      cells,
      styles,
    };
  };
  // Waits until React rendered the body rows at the top and the bottom of the viewport. The
  // grand total is pinned in the foot and always there, so it must not count as the last row.
  const lastBodyRow = total + 1 - (table.querySelector('[data-testid="table-foot"]') ? 1 : 0);
  const settle = async () => {
    const rowAt = (y) => Math.min(lastBodyRow, Math.floor(Math.max(0, y - 36) / 32) + 2);
    const first = rowAt(scroller.scrollTop);
    const last = rowAt(scroller.scrollTop + scroller.clientHeight - 1);
    for (let i = 0; i < 300; i++) {
      const has = (n) => table.querySelector(`.rb-table__body [aria-rowindex="${n}"]`) !== null;
      if (lastBodyRow < 2 || (has(first) && has(last))) return;
      await sleep(10);
    }
    throw new Error('rows did not render at scrollTop ' + scroller.scrollTop);
  };
  scroller.scrollTop = 0;
  await settle();
  for (;;) {
    for (const el of scroller.querySelectorAll('[role="row"][aria-rowindex]')) {
      const index = Number(el.getAttribute('aria-rowindex'));
      if (index > 1 && !rows.has(index)) rows.set(index, describe(el));
    }
    const atEnd = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1;
    if (rows.size >= total || atEnd) break;
    scroller.scrollTop += Math.max(64, scroller.clientHeight - 64);
    await settle();
  }
  scroller.scrollTop = 0;
  return [...rows.keys()].sort((a, b) => a - b).map((k) => rows.get(k));
}
"""


@pytest.fixture(scope="session")
def client_bundle() -> Path:
    """The Vite build the Rollbook server serves (and Forge packages), rebuilt when stale."""
    return ensure_client_bundle()


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory, client_bundle: Path) -> Iterator[Stack]:
    require_chromium()
    with running_stack(tmp_path_factory.mktemp("e2e-stack"), issues=ISSUES, seed=SEED) as s:
        yield s


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Chromium for one module. Not for the session: Playwright's sync API cannot start while
    another instance runs in the thread, and other suites (tests/jirasim/host) start their own."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
    finally:
        playwright.stop()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser context (no cookies, no storage) per test, at 1280x800."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    context.set_default_timeout(30_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def basic_auth(user: User) -> dict[str, str]:
    token = base64.b64encode(f"{user.email}:{user.api_token}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


@dataclass
class Expected:
    """A report computed in the test: by Python from the issues, and by the TS engine."""

    issues: list[dict[str, Any]]
    engine: dict[str, Any]
    python: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def keys(self) -> set[str]:
        return {issue["key"] for issue in self.issues}


@dataclass
class E2E:
    stack: Stack
    host: Host

    @property
    def jira_url(self) -> str:
        return self.stack.jira_url

    @property
    def app_url(self) -> str:
        return self.stack.app_url

    # --- the browser side -----------------------------------------------------------------

    def open_reports(self, page: Any, user: str = "admin", report_id: str | None = None) -> Any:
        """Signs in with the host page's user switcher, opens Rollbook's reports page (on one
        report, as the app's own links do) and returns the app frame."""
        return self.host.open_reports(page, user, report_id)

    def open_dashboard(self, page: Any, user: str = "admin") -> Any:
        """The dashboard, as `user`; returns this host's Rollbook gadget frame."""
        return self.host.open_dashboard(page, user)

    @staticmethod
    def wait_for_run(frame: Any, timeout: int = RUN_TIMEOUT_MS) -> tuple[str, str]:
        """Waits for the completeness line; returns its status (complete/stopped) and text."""
        line = frame.get_by_test_id("completeness")
        line.wait_for(timeout=timeout)
        return str(line.get_attribute("data-status")), line.inner_text().strip()

    @staticmethod
    def viewer_action(frame: Any, test_id: str) -> None:
        """Chooses one of the viewer toolbar's secondary actions (`expand-all`, `collapse-all`,
        `refresh` for editors, `print`) from its "More actions" (…) menu."""
        frame.get_by_test_id("more-actions").click()
        frame.get_by_test_id(test_id).click()

    @staticmethod
    def collect_rows(frame: Any, styled: bool = False) -> list[dict[str, Any]]:
        return list(frame.evaluate(COLLECT_ROWS_JS, styled))

    @staticmethod
    def issue_keys_in_memory(page: Any, frame: Any, keys: set[str]) -> set[str]:
        """Which of `keys` the JavaScript heap of the app frame's process holds (a heap
        snapshot: the shipped bundle has no hook to ask)."""
        return issue_keys_in_memory(page, frame, keys)

    # --- Rollbook's API -------------------------------------------------------------------

    def api(self, user: str = "admin") -> httpx.Client:
        """Rollbook's API as `user`, the way this host's client reaches it."""
        return self.host.api(USERS[user].account_id)

    def create_report(self, definition: dict[str, Any], user: str = "admin") -> dict[str, Any]:
        body = {**definition, "name": f"{definition['name']} {uuid.uuid4().hex[:6]}"}
        with self.api(user) as api:
            response = api.post("/api/reports", json=body)
        assert response.status_code == 201, response.text
        return dict(response.json())

    def get_report(self, report_id: str, user: str = "admin") -> dict[str, Any]:
        with self.api(user) as api:
            response = api.get(f"/api/reports/{report_id}")
        assert response.status_code == 200, response.text
        return dict(response.json())

    # --- jirasim's REST API, as a demo user ----------------------------------------------

    def search(
        self, jql: str, fields: list[str], user: str = "admin"
    ) -> list[list[dict[str, Any]]]:
        """Every page of `POST /rest/api/3/search/jql`, following nextPageToken."""
        pages: list[list[dict[str, Any]]] = []
        token = None
        with httpx.Client(base_url=self.jira_url, headers=basic_auth(USERS[user])) as jira:
            while True:
                body: dict[str, Any] = {"jql": jql, "fields": fields, "maxResults": 100}
                if token:
                    body["nextPageToken"] = token
                response = jira.post("/rest/api/3/search/jql", json=body, timeout=30)
                response.raise_for_status()
                page = response.json()
                pages.append(page["issues"])
                if page.get("isLast") or not page.get("nextPageToken"):
                    return pages
                token = page["nextPageToken"]

    def issues(self, jql: str, fields: list[str], user: str = "admin") -> list[dict[str, Any]]:
        return [issue for page in self.search(jql, fields, user) for issue in page]

    def jira_fields(self, user: str = "admin") -> list[dict[str, Any]]:
        response = httpx.get(
            f"{self.jira_url}/rest/api/3/field", headers=basic_auth(USERS[user]), timeout=30
        )
        response.raise_for_status()
        return list(response.json())

    def jql_parse_errors(self, jql: str, user: str = "admin") -> list[str]:
        response = httpx.post(
            f"{self.jira_url}/rest/api/3/jql/parse",
            params={"validation": "strict"},
            json={"queries": [jql]},
            headers=basic_auth(USERS[user]),
            timeout=30,
        )
        response.raise_for_status()
        return list(response.json()["queries"][0].get("errors") or [])

    def request_log(self, since: int = 0, path_prefix: str = "") -> list[dict[str, Any]]:
        response = httpx.get(
            f"{self.jira_url}/_jirasim/requests",
            params={"since": since, "path_prefix": path_prefix},
            timeout=10,
        )
        response.raise_for_status()
        return list(response.json()["requests"])

    def last_request_seq(self) -> int:
        return max((entry["seq"] for entry in self.request_log()), default=0)

    # --- the engine, run in the test --------------------------------------------------------

    def run_engine(
        self,
        definition: dict[str, Any],
        pages: list[list[dict[str, Any]]],
        tmp_path: Path,
        time_zone: str = "Europe/London",
    ) -> dict[str, Any]:
        return run_engine(
            definition=definition,
            fields=self.jira_fields(),
            pages=pages,
            workdir=tmp_path,
            time_zone=time_zone,
        )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests marked `both_hosts` run on Connect and on Forge, the others on Connect; the host is
    session-scoped, so each host gets its own reports from the session fixtures below."""
    if "e2e" in metafunc.fixturenames:
        both = metafunc.definition.get_closest_marker("both_hosts") is not None
        metafunc.parametrize("host_name", list(HOSTS) if both else ["connect"], scope="session")


@pytest.fixture(scope="session")
def e2e(stack: Stack, host_name: str) -> E2E:
    return E2E(stack, HOSTS[host_name](stack))


@pytest.fixture(scope="session")
def points_report(e2e: E2E) -> dict[str, Any]:
    """POINTS_DEFINITION saved through the API by the admin (private)."""
    return e2e.create_report(POINTS_DEFINITION)


@pytest.fixture(scope="session")
def points_expected(
    e2e: E2E, points_report: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> Expected:
    """What the points report must show, from the admin's issues: the engine's result, and per
    status (by name) an independent count and sums computed here."""
    fields = ["summary", "status", STORY_POINTS, "timespent"]
    pages = e2e.search(points_report["jql"], fields)
    issues = [issue for page in pages for issue in page]
    engine = e2e.run_engine(points_report, pages, tmp_path_factory.mktemp("engine"))
    python: dict[str, dict[str, Any]] = {}
    for issue in issues:
        values = issue["fields"]
        group = python.setdefault(
            values["status"]["name"], {"count": 0, "points": 0.0, "seconds": 0, "keys": set()}
        )
        group["count"] += 1
        group["points"] += values.get(STORY_POINTS) or 0
        group["seconds"] += values.get("timespent") or 0
        group["keys"].add(issue["key"])
    return Expected(issues=issues, engine=engine, python=python)
