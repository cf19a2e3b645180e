"""The TypeScript report engine on issues fetched from jirasim over its REST API, checked against
an independent computation here: three grouping levels (status, labels — multi-valued — and
created by month), with issue counts and story-point sums at every level; and pivot views
(single-valued, labels or created months on columns, multi-valued fields on both axes, shares of
row and grand totals), every cell and total."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from itertools import product
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


def fetch_all(client: TestClient, fields: list[str] = FIELDS) -> list[list[dict[str, Any]]]:
    pages, token = [], None
    while True:
        body: dict[str, Any] = {"jql": DEFINITION["jql"], "fields": fields, "maxResults": 100}
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


# --- Pivot views, checked against an independent Python computation -----------------------------
# The reference below is written from the model's words (docs/report-model.md "Views"), not from
# the engine: a pivot cell holds the distinct issues in its row group and column group; a row,
# column or grand total holds the distinct issues of its row, column or the whole pivot, so an
# issue under several labels counts once in every total.

PIVOT_FIELDS = [*FIELDS, "priority", "issuetype", "components"]
# The table groups by labels, so its rows list some issues more than once: the pivot must not.
PIVOT_DEFINITION = {
    "name": "Pivots",
    "jql": DEFINITION["jql"],
    "columns": [{"field": field} for field in PIVOT_FIELDS],
    "grouping_rules": [{"field": "labels"}],
}
MONTH = {"field": "created", "bucket": {"kind": "date", "unit": "month"}}
VALUES = [
    {"field": "summary", "aggregation": "count"},
    {"field": "customfield_10016", "aggregation": "sum"},
    {"field": "customfield_10016", "aggregation": "average"},
]
SHARE_VALUES = [
    {"field": "customfield_10016", "aggregation": "count"},
    {"field": "customfield_10016", "aggregation": "sum"},
]
PIVOTS = {
    "single-valued": {
        "rows": [{"field": "status"}, {"field": "issuetype"}],
        "columns": [{"field": "priority"}],
        "values": VALUES,
    },
    "labels-columns-percent-of-total": {
        "rows": [{"field": "status"}],
        "columns": [{"field": "labels"}],
        "values": SHARE_VALUES,
        "percent_of": "total",
    },
    "month-columns": {"rows": [{"field": "issuetype"}], "columns": [MONTH], "values": VALUES},
    "multi-valued-both-axes-percent-of-row": {
        "rows": [{"field": "labels"}],
        "columns": [{"field": "components"}, {"field": "priority"}],
        "values": SHARE_VALUES,
        "percent_of": "row",
    },
}


def _named(entry: dict[str, Any] | None) -> str | None:
    return entry["name"] if entry else None


def _month(fields: dict[str, Any]) -> str:
    created = datetime.strptime(fields["created"], "%Y-%m-%dT%H:%M:%S.%f%z").astimezone(
        ZoneInfo(TIME_ZONE)
    )
    return created.strftime("%Y-%m-01")


# Every group an issue belongs to on one level; [None] is the "(none)" group.
AXES: dict[str, Any] = {
    "status": lambda f: [_named(f["status"])],
    "priority": lambda f: [_named(f.get("priority"))],
    "issuetype": lambda f: [_named(f["issuetype"])],
    "labels": lambda f: sorted(set(f["labels"])) or [None],
    "components": lambda f: sorted({c["name"] for c in f["components"]}) or [None],
    "created": lambda f: [_month(f)],
}


def _measure(value: dict[str, str], issues: list[dict[str, Any]]) -> float | None:
    present = [
        i["fields"].get(value["field"])
        for i in issues
        if i["fields"].get(value["field"]) is not None
    ]
    if value["aggregation"] == "count":
        return len(present)
    if not present:
        return None
    total = float(sum(present))
    return total if value["aggregation"] == "sum" else total / len(present)


def independent_pivot(
    issues: list[dict[str, Any]], view: dict[str, Any]
) -> dict[tuple[Any, ...], list[float | None]]:
    """("cell", row path, column path) / ("row", row path) / ("column", column path) / ("grand",)
    → the values over that key's distinct issues; row paths at every row depth."""
    members: dict[tuple[Any, ...], dict[str, dict[str, Any]]] = defaultdict(dict)
    for issue in issues:
        row_groups = [AXES[rule["field"]](issue["fields"]) for rule in view["rows"]]
        column_paths = list(
            product(*(AXES[rule["field"]](issue["fields"]) for rule in view["columns"]))
        )
        members[("grand",)][issue["id"]] = issue
        for column in column_paths:
            members[("column", column)][issue["id"]] = issue
        for depth in range(1, len(row_groups) + 1):
            for row in product(*row_groups[:depth]):
                members[("row", row)][issue["id"]] = issue
                for column in column_paths:
                    members[("cell", row, column)][issue["id"]] = issue
    return {
        key: [_measure(v, list(found.values())) for v in view["values"]]
        for key, found in members.items()
    }


def engine_pivot(
    pivot: dict[str, Any], view: dict[str, Any], name_of: dict[tuple[str, Any], str]
) -> dict[tuple[Any, ...], list[dict[str, Any]]]:
    """The engine's pivot in the reference's keys (entries by name, as the reference groups)."""

    def path(keys: list[Any], rules: list[dict[str, Any]]) -> tuple[Any, ...]:
        return tuple(
            name_of.get((rule["field"], key), key) for key, rule in zip(keys, rules, strict=False)
        )

    columns = [path(c["keyPath"], view["columns"]) for c in pivot["columns"]]
    out: dict[tuple[Any, ...], list[dict[str, Any]]] = {("grand",): pivot["grandTotal"]}
    out.update(
        {("column", key): c["total"] for key, c in zip(columns, pivot["columns"], strict=True)}
    )
    for row in pivot["rows"]:
        row_path = path(row["keyPath"], view["rows"])
        out[("row", row_path)] = row["total"]
        for key, cells in zip(columns, row["cells"], strict=True):
            out[("cell", row_path, key)] = cells
    return out


@pytest.fixture(scope="module")
def pivot_run(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    site = generate_site(seed=21, issue_count=1500, base_url="http://jirasim.test")
    with TestClient(create_app(site, admin_token="t"), base_url="http://jirasim.test") as client:
        pages = fetch_all(client, PIVOT_FIELDS)
        fields = client.get("/rest/api/3/field", auth=AUTH).json()
    views = [{"kind": "pivot", "id": key, "name": key, **view} for key, view in PIVOTS.items()]
    result = run_engine(
        definition=PIVOT_DEFINITION,
        fields=fields,
        pages=pages,
        workdir=tmp_path_factory.mktemp("pivot"),
        time_zone=TIME_ZONE,
        now="2026-11-01T00:00:00Z",
        pivots=views,
    )
    issues = [issue for page in pages for issue in page]
    return issues, dict(zip(PIVOTS, result["pivots"], strict=True))


@pytest.mark.parametrize("pivot_id", list(PIVOTS))
def test_pivot_matches_an_independent_computation(
    pivot_run: tuple[list[dict[str, Any]], dict[str, Any]], pivot_id: str
) -> None:
    issues, pivots = pivot_run
    view, pivot = PIVOTS[pivot_id], pivots[pivot_id]
    assert pivot["warnings"] == []
    # Entry groups are keyed by id, per field (a status and an issue type can share an id).
    name_of: dict[tuple[str, Any], str] = {}
    for issue in issues:
        for field in ("status", "priority", "issuetype"):
            if issue["fields"].get(field):
                name_of[(field, issue["fields"][field]["id"])] = issue["fields"][field]["name"]
        for component in issue["fields"]["components"]:
            name_of[("components", component["id"])] = component["name"]
    engine = engine_pivot(pivot, view, name_of)
    expected = independent_pivot(issues, view)
    empty = [_measure(v, []) for v in view["values"]]

    # Every group the reference finds is in the engine's pivot; the engine's other cells are the
    # row-by-column pairs that hold no issue.
    assert set(expected) <= set(engine)
    assert {k for k in engine if k[0] != "cell"} == {k for k in expected if k[0] != "cell"}
    percent_of = view.get("percent_of", "none")
    for key, cells in engine.items():
        values = expected.get(key, empty)
        for index, (cell, value) in enumerate(zip(cells, values, strict=True)):
            where = (key, view["values"][index])
            if value is None or view["values"][index]["aggregation"] == "count":
                assert cell["value"] == value, where
            else:
                assert cell["value"] == pytest.approx(value, rel=1e-9, abs=1e-9), where
            if percent_of != "none":
                denominator = _share_denominator(key, index, expected, percent_of)
                share = None if value is None or not denominator else value / denominator
                assert cell["share"] == (
                    None if share is None else pytest.approx(share, rel=1e-9, abs=1e-12)
                ), where
    # Every issue once, though the table's labels grouping lists many of them several times.
    assert pivot["count"] == len(issues)
    multi = [
        rule["field"]
        for rule in (*view["rows"], *view["columns"])
        if rule["field"] in ("labels", "components")
    ]
    if multi:
        column_sum = sum(c["count"] for c in pivot["columns"])
        assert column_sum > pivot["count"] == len(issues), (
            "a multi-valued axis puts issues in several groups"
        )


def _share_denominator(
    key: tuple[Any, ...], index: int, expected: dict[tuple[Any, ...], list[Any]], percent_of: str
) -> Any:
    """A value's share is of its row's total, its column's total or the grand total; a row total
    is a cell of the total column and a column total a cell of the total row."""
    grand = expected[("grand",)][index]
    kind = key[0]
    if percent_of == "row":
        return expected[("row", key[1])][index] if kind in ("cell", "row") else grand
    if percent_of == "column":
        column = key[2] if kind == "cell" else key[1] if kind == "column" else None
        return expected[("column", column)][index] if column is not None else grand
    return grand
