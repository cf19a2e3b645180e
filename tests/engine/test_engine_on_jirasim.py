"""The TypeScript report engine on issues fetched from jirasim over its REST API, checked against
an independent computation here: three grouping levels (status, labels — multi-valued — and
created by month), with issue counts and story-point sums at every level."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from jirasim.app import create_app
from jirasim.dataset import generate_site
from support.engine import run_engine

AUTH = ("admin@example.com", "demo-token-admin")
TIME_ZONE = "Europe/Berlin"
DEFINITION = {
    "name": "Points by status, label and month",
    "jql": "project in (ROLL, WEB)",
    "columns": [{"field": "summary"}, {"field": "customfield_10016", "aggregation": "sum"}],
    "grouping_rules": [
        {"field": "status"},
        {"field": "labels"},
        {"field": "created", "bucket": {"kind": "date", "unit": "month"}},
    ],
}
FIELDS = ["summary", "status", "labels", "created", "customfield_10016"]


def fetch_all(client: TestClient) -> list[list[dict[str, Any]]]:
    pages, token = [], None
    while True:
        body: dict[str, Any] = {"jql": DEFINITION["jql"], "fields": FIELDS, "maxResults": 100}
        if token:
            body["nextPageToken"] = token
        page = client.post("/rest/api/3/search/jql", json=body, auth=AUTH).json()
        pages.append(page["issues"])
        if page.get("isLast"):
            return pages
        token = page["nextPageToken"]


def independent_groups(issues: list[dict[str, Any]]) -> dict[tuple[Any, ...], tuple[int, float]]:
    """(status, label, month) paths → (distinct issue count, story point sum) at every level."""
    members: dict[tuple[Any, ...], dict[str, float]] = defaultdict(dict)
    zone = ZoneInfo(TIME_ZONE)
    for issue in issues:
        fields = issue["fields"]
        created = datetime.strptime(fields["created"], "%Y-%m-%dT%H:%M:%S.%f%z").astimezone(zone)
        month = created.strftime("%Y-%m-01")
        points = fields.get("customfield_10016") or 0.0
        status = fields["status"]["name"]
        labels = fields["labels"] or [None]  # no labels: the "(none)" group
        members[()][issue["id"]] = points
        members[(status,)][issue["id"]] = points
        for label in labels:
            members[(status, label)][issue["id"]] = points
            members[(status, label, month)][issue["id"]] = points
    return {path: (len(ids), sum(ids.values())) for path, ids in members.items()}


def test_engine_groups_match_an_independent_computation(tmp_path: Path) -> None:
    site = generate_site(seed=21, issue_count=1500, base_url="http://jirasim.test")
    with TestClient(create_app(site, admin_token="t"), base_url="http://jirasim.test") as client:
        pages = fetch_all(client)
        fields = client.get("/rest/api/3/field", auth=AUTH).json()
    issues = [issue for page in pages for issue in page]
    assert len(issues) > 500
    assert any(len(issue["fields"]["labels"]) > 1 for issue in issues), "needs multi-label issues"
    result = run_engine(
        definition=DEFINITION,
        fields=fields,
        pages=pages,
        workdir=tmp_path,
        time_zone=TIME_ZONE,
        now="2026-11-01T00:00:00Z",
    )
    sum_column = next(i for i, c in enumerate(result["columns"]) if c["aggregation"] == "sum")

    def count_and_sum(group: dict[str, Any]) -> tuple[int, float]:
        points = group["aggregates"][sum_column]
        return group["count"], (points["value"] if points else None) or 0.0

    engine = {(): count_and_sum(result["total"])}
    for group in result["groups"]:
        keys = group["keyPath"]
        engine[(_status_name(keys[0], issues), *keys[1:])] = count_and_sum(group)
    expected = independent_groups(issues)
    assert set(engine) == set(expected)
    for path, (count, points) in expected.items():
        assert engine[path][0] == count, path
        assert engine[path][1] == pytest.approx(points), path
    # Above the multi-valued level each issue counts once, not once per label.
    total_under_labels = sum(c for p, (c, _) in expected.items() if len(p) == 2)
    assert engine[()][0] == len(issues) < total_under_labels


def _status_name(key: Any, issues: list[dict[str, Any]]) -> Any:
    """Status group keys are Jira status ids; the independent side groups by name."""
    for issue in issues:
        status = issue["fields"]["status"]
        if key in (status["id"], status["name"]):
            return status["name"]
    return key
