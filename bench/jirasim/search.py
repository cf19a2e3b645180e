"""Search throughput of jirasim's REST API at 10k and 100k issues.

    .venv/bin/python bench/jirasim/search.py [--sizes 10000,100000] [--repeat 3]

Requests go through the whole ASGI app in process (httpx's ASGI transport: routing, HTTP Basic
auth, JQL, field selection, JSON encoding), signed in as the admin demo user. For each typical
JQL it measures:

- first page: `POST /search/jql`, 100 issues with 7 fields — runs the query (the result list is
  then cached for paging, as jirasim does);
- next pages: the following 100-issue pages, per page;
- full walk: every page of 100 with fields, from the first to the last;
- id walk: the same with 5,000-issue pages of `fields=id` (Atlassian's recommended first pass),
  first page (query included) and total.

Each query runs once unmeasured first (the engine builds the columns it touches lazily), then
`--repeat` times; medians are printed. Prints one table; nothing is written to disk.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import statistics
import time
from typing import Any

import httpx

from jirasim.app import create_app, sim_state_of
from jirasim.dataset import generate_site

AUTH = "Basic " + base64.b64encode(b"admin@example.com:demo-token-admin").decode()
FIELDS = ["summary", "status", "assignee", "priority", "created", "labels", "customfield_10016"]
QUERIES = {
    "project": "project = ROLL",
    "open work": "statusCategory != Done AND issuetype in (Story, Bug) ORDER BY priority DESC",
    "team": "assignee in membersOf('team-platform') AND updated >= -52w ORDER BY duedate ASC",
    "text": 'text ~ "error"',
}
BASE_URL = "http://bench.jirasim"


async def _post(client: httpx.AsyncClient, body: dict[str, Any]) -> tuple[float, dict[str, Any]]:
    started = time.perf_counter()
    response = await client.post("/rest/api/3/search/jql", json=body)
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise RuntimeError(f"{response.status_code}: {response.text[:300]}")
    return elapsed, response.json()


async def _walk(client: httpx.AsyncClient, jql: str, size: int, fields: list[str]) -> list[float]:
    """Seconds per page while paging through the whole result."""
    times: list[float] = []
    body: dict[str, Any] = {"jql": jql, "maxResults": size, "fields": fields}
    while True:
        elapsed, page = await _post(client, body)
        times.append(elapsed)
        if page["isLast"]:
            return times
        body["nextPageToken"] = page["nextPageToken"]


async def _measure(issue_count: int, repeat: int) -> list[dict[str, Any]]:
    started = time.perf_counter()
    site = generate_site(seed=1, issue_count=issue_count, base_url=BASE_URL)
    app = create_app(site)
    state = sim_state_of(app)
    setup = time.perf_counter() - started
    print(f"{issue_count:>7} issues: site generated and indexed in {setup:.1f}s")
    transport = httpx.ASGITransport(app=app)
    rows = []
    async with httpx.AsyncClient(
        transport=transport, base_url=BASE_URL, headers={"Authorization": AUTH}, timeout=600
    ) as client:
        for name, jql in QUERIES.items():
            firsts, nexts, id_firsts, id_walks, walks = [], [], [], [], []
            # Warm-up: the JQL engine builds the columns a query touches on first use.
            _, matches = await _post_count(client, jql)
            for _ in range(repeat):
                # The first page of each walk runs the query; later pages reuse its result.
                state.search.clear_cache()
                pages = await _walk(client, jql, 100, FIELDS)
                firsts.append(pages[0])
                nexts.extend(pages[1:])
                walks.append(sum(pages))
                state.search.clear_cache()
                id_pages = await _walk(client, jql, 5000, ["id"])
                id_firsts.append(id_pages[0])
                id_walks.append(sum(id_pages))
            rows.append(
                {
                    "issues": issue_count,
                    "query": name,
                    "matches": matches,
                    "first": statistics.median(firsts) * 1000,
                    "next": statistics.median(nexts) * 1000 if nexts else float("nan"),
                    "id_first": statistics.median(id_firsts) * 1000,
                    "id_walk": statistics.median(id_walks),
                    "walk": statistics.median(walks),
                    "pages": len(pages),
                }
            )
    return rows


async def _post_count(client: httpx.AsyncClient, jql: str) -> tuple[float, int]:
    started = time.perf_counter()
    response = await client.post("/rest/api/3/search/approximate-count", json={"jql": jql})
    return time.perf_counter() - started, int(response.json()["count"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows: list[dict[str, Any]] = []
    for size in (int(s) for s in args.sizes.split(",")):
        rows += asyncio.run(_measure(size, args.repeat))
    print()
    print(
        f"{'issues':>7}  {'query':<10} {'matches':>8}  {'first page':>10}  {'next page':>9}  "
        f"{'full walk':>11}  {'id first':>9}  {'id walk':>8}"
    )
    print(
        f"{'':>7}  {'':<10} {'':>8}  {'100 x 7 f':>10}  {'100 x 7 f':>9}  {'(pages)':>11}  "
        f"{'5000 ids':>9}  {'':>8}"
    )
    for row in rows:
        print(
            f"{row['issues']:>7}  {row['query']:<10} {row['matches']:>8}  "
            f"{row['first']:>8.1f}ms  {row['next']:>7.1f}ms  "
            f"{row['walk']:>5.2f}s ({row['pages']:>4})  {row['id_first']:>7.1f}ms  "
            f"{row['id_walk']:>7.2f}s"
        )


if __name__ == "__main__":
    main()
