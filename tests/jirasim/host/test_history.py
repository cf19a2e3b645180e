"""jirasim's Connect host side of `AP.history`, driven from inside a real app iframe (all.js):
the app's state lives in the host page URL's anchor after `#!`; push and replace change it
without calling popState listeners; Back and Forward reach them (as the `history_popstate`
event, since simple-xdm answers a callback once); a reload hands the state back; and frames
that are not pages (the dashboard gadget) have no history."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from devstack import running_stack

from support.browser import app_frame, chromium_page, require_chromium, sign_in

pytestmark = pytest.mark.browser

APP_KEY = "com.rollbook.reports"

# Collects what popState listeners receive, by both routes a host may use.
LISTEN_JS = """
() => {
  window.__popped = [];
  const record = (route) => (event) => window.__popped.push({route, ...event});
  AP.history.popState(record('callback'));
  AP.events.on('history_popstate', record('event'));
}
"""


@pytest.fixture(scope="module")
def jira_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    require_chromium()
    with running_stack(tmp_path_factory.mktemp("history"), issues=50, seed=3) as stack:
        yield stack.jira_url, stack.app_url


@pytest.fixture
def page() -> Iterator[Any]:
    with chromium_page() as page:
        yield page


def open_page(page: Any, urls: tuple[str, str], suffix: str = "") -> Any:
    jira, app = urls
    sign_in(page, jira, "admin")
    page.goto(f"{jira}/plugins/servlet/ac/{APP_KEY}/reports{suffix}")
    return app_frame(page, app)


def popped(frame: Any) -> list[dict[str, Any]]:
    return list(frame.evaluate("window.__popped"))


def events_popped(frame: Any, count: int) -> list[dict[str, Any]]:
    """The `history_popstate` events the frame has received, once there are `count`. (Polled
    from here: the app frame's CSP forbids the eval that frame.wait_for_function needs.)"""
    deadline = time.monotonic() + 10
    while True:
        events = [e for e in popped(frame) if e["route"] == "event"]
        if len(events) >= count or time.monotonic() > deadline:
            return events
        time.sleep(0.05)


def test_push_and_replace_write_the_state_after_hash_bang_and_get_state_reads_it(
    page: Any, jira_url: tuple[str, str]
) -> None:
    frame = open_page(page, jira_url)
    page_url = page.url
    frame.evaluate(LISTEN_JS)
    frame.evaluate("AP.history.pushState('report=one')")
    page.wait_for_url(f"{page_url}#!report=one")
    assert frame.evaluate("AP.history.getState()") == "report=one"
    state = frame.evaluate("AP.history.getState('all')")
    assert state["hash"] == "report=one"
    assert state["href"] == f"{page_url}#!report=one"
    assert state["key"] == APP_KEY

    # An object state is written as a query string; replace changes the entry, not the length.
    length = page.evaluate("history.length")
    frame.evaluate("AP.history.replaceState({report: 'two', view: 'x y'})")
    page.wait_for_url(f"{page_url}#!report=two&view=x+y")
    assert page.evaluate("history.length") == length
    # Neither push nor replace calls the popState listeners.
    assert popped(frame) == []


def test_back_and_forward_reach_pop_state_listeners_with_the_old_and_new_url(
    page: Any, jira_url: tuple[str, str]
) -> None:
    frame = open_page(page, jira_url)
    page_url = page.url
    frame.evaluate(LISTEN_JS)
    frame.evaluate("AP.history.pushState('step=1')")
    frame.evaluate("AP.history.pushState('step=2')")
    page.wait_for_url(f"{page_url}#!step=2")

    page.go_back()
    page.wait_for_function("() => location.hash === '#!step=1'")
    events = events_popped(frame, 1)
    assert events == [
        {
            "route": "event",
            "oldURL": f"{page_url}#!step=2",
            "newURL": f"{page_url}#!step=1",
            "state": "step=1",
        }
    ]

    # AP.history.forward() from the app, too, reaches the listener.
    frame.evaluate("AP.history.forward()")
    assert events_popped(frame, 2)[-1]["state"] == "step=2"
    assert page.url == f"{page_url}#!step=2"


def test_a_reload_hands_the_state_back_to_the_new_frame(
    page: Any, jira_url: tuple[str, str]
) -> None:
    frame = open_page(page, jira_url, "#!report=kept")
    assert frame.evaluate("AP.history.getState()") == "report=kept"
    page.reload()
    frame = app_frame(page, jira_url[1])
    assert frame.evaluate("AP.history.getState()") == "report=kept"
    # all.js hands the iframe the state it started with, as Jira's page modules get it.
    assert frame.evaluate("AP._data.options.history.state") == "report=kept"


def test_a_dashboard_gadget_has_no_history(page: Any, jira_url: tuple[str, str]) -> None:
    jira, app = jira_url
    sign_in(page, jira, "admin")
    page.goto(f"{jira}/")
    frame = app_frame(page, app)
    before = page.url
    frame.evaluate("AP.history.pushState('report=gadget')")
    frame.evaluate("AP.history.getState()")  # a round trip: the push was handled before it
    assert page.url == before
