"""Chart libraries side by side for issue 13's chart views, from the builds run.sh made.

For each library (bench/charts/src/libs/*): the gzip size of what its lazy import() loads (and
of the initial entry, to show the library is not in it), the licence of every package in those
files, and in headless Chromium (Debian's, through Playwright, flags from tests/support) on a
page served with Rollbook's own Content-Security-Policy header:
  - cold: import() of the chunk, then drawing the grouped bar, the cumulative line and the donut
    until the next frame, each run in a new browser context (nothing cached), libraries taking
    turns; warm: the same three charts drawn again in the same page;
  - what the library gives for accessibility (ARIA on the SVG or canvas, keyboard stops on the
    charts, axe-core's WCAG 2.1 A/AA findings) and a click on a bar (drill-down);
  - SVG and PNG exports made in the page without network, each checked to show something;
  - CSP violations under our header, under Forge Custom UI's (from forge/manifest.yml, as
    jirasim builds it) and under ours without style-src 'unsafe-inline'.

    bench/charts/run.sh [--runs 5] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import re
import statistics
import sys
import threading
import time
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

from jirasim.forge.csp import content_security_policy as forge_policy  # noqa: E402
from jirasim.forge.manifest import load_manifest  # noqa: E402
from rollbook.core.settings import Settings  # noqa: E402
from rollbook.security_headers import content_security_policy  # noqa: E402
from support.axe import violations  # noqa: E402
from support.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

# name in dist/ -> what the table calls it
LIBRARIES = {
    "echarts-svg": "ECharts 6 (core + bar/line/pie, SVG renderer)",
    "echarts-canvas": "ECharts 6 (core + bar/line/pie, canvas renderer)",
    "vega-embed": "Vega-Lite 6 + vega-embed 7 (default expressions)",
    "vega-embed-interpreter": "Vega-Lite 6 + vega-embed 7 + vega-interpreter",
    "vega-interpreter": "Vega-Lite 6 + vega View + vega-interpreter (no embed)",
    "plot": "Observable Plot 0.6 (+ d3-shape donut)",
    "chartjs": "Chart.js 4 (tree-shaken registerables)",
    "uplot": "uPlot 1.6 (line only)",
    "recharts": "Recharts 3 (React already loaded)",
}
OUR_CSP = content_security_policy(Settings())
STRICT_STYLE_CSP = OUR_CSP.replace("style-src 'self' 'unsafe-inline'", "style-src 'self'")
# Forge Custom UI's policy for our manifest, as jirasim builds it (less its report-uri).
FORGE_CSP = "; ".join(
    d
    for d in forge_policy(
        load_manifest(ROOT / "forge" / "manifest.yml").permissions, page_origin="http://127.0.0.1"
    ).split("; ")
    if not d.startswith("report-uri")
)
ONE_LOAD_POLICIES = {"forge": FORGE_CSP, "strict_style": STRICT_STYLE_CSP}
CSP_LISTENER = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => window.__csp.push({
  directive: e.effectiveDirective, blocked: e.blockedURI, sample: (e.sample || "").slice(0, 60),
}));
"""
FOCUS_JS = """() => {
  const element = document.activeElement;
  const chart = element && element.closest(".chart");
  return { id: element && element.id, chart: chart && chart.id };
}"""


def gzip_size(path: Path) -> int:
    # Level 6, as `gzip -c` and most servers use.
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def files_loaded_by(manifest: dict, key: str, skip: set[str]) -> set[str]:
    """The files an import of manifest entry `key` loads: its chunk, the chunks it imports
    statically (transitively) and their CSS, less `skip` (chunks the page already has)."""
    found: set[str] = set()
    stack = [key]
    while stack:
        entry = manifest[stack.pop()]
        if entry["file"] in found or entry["file"] in skip:
            continue
        found.add(entry["file"])
        found.update(entry.get("css", []))
        stack.extend(entry.get("imports", []))
    return found


def package_of(module_id: str) -> str | None:
    match = re.search(r".*node_modules/((?:@[^/]+/)?[^/]+)", module_id)
    return match.group(1) if match else None


def licence(package: str) -> str:
    meta = json.loads((HERE / "node_modules" / package / "package.json").read_text())
    return str(meta.get("license", "?"))


def sizes(name: str) -> dict:
    dist = HERE / "dist" / name
    manifest = json.loads((dist / ".vite" / "manifest.json").read_text())
    modules = json.loads((dist / "modules.json").read_text())
    initial = files_loaded_by(manifest, "index.html", set())
    library_key = next(
        key for key, entry in manifest.items() if entry.get("isDynamicEntry") and "/libs/" in key
    )
    lazy = files_loaded_by(manifest, library_key, initial)
    packages = sorted(
        {p for file in lazy for m in modules.get(file, []) if (p := package_of(m)) is not None}
    )
    return {
        "initial_gzip": sum(gzip_size(dist / f) for f in initial),
        "lazy_gzip": sum(gzip_size(dist / f) for f in lazy),
        "lazy_raw": sum((dist / f).stat().st_size for f in lazy),
        "lazy_files": sorted(lazy),
        "initial_has_library": any(
            package_of(m) not in (None, "react", "react-dom", "scheduler")
            for f in initial
            for m in modules.get(f, [])
        ),
        "licences": {p: licence(p) for p in packages},
    }


class QuietHandler(SimpleHTTPRequestHandler):
    csp = OUR_CSP

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", self.csp)
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(csp: str):
    handler = type("Handler", (QuietHandler,), {"csp": csp})
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(HERE / "dist"))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@contextmanager
def probe_page(browser, url: str):
    """A new context (nothing cached) on one library's page, recording what went wrong."""
    context = browser.new_context(viewport={"width": 1280, "height": 1400})
    page = context.new_page()
    page.add_init_script(CSP_LISTENER)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"[:200]))
    page.on(
        "console",
        lambda m: (
            problems.append(f"console {m.type}: {m.text}"[:200])
            if m.type in ("error", "warning")
            else None
        ),
    )
    page.on(
        "request",
        lambda r: (
            problems.append(f"network: {r.url}")
            if not r.url.startswith(("http://127.0.0.1", "data:"))
            else None
        ),
    )
    page.goto(url)
    page.wait_for_function("() => window.__probe !== undefined")
    try:
        yield page, problems
    finally:
        context.close()


def cold(page) -> dict:
    try:
        return page.evaluate("() => window.__probe.cold()")
    except Exception as error:  # a library that cannot draw under the CSP says so here
        return {"error": str(error).splitlines()[0][:200]}


def keyboard_stops(page) -> dict[str, int]:
    """Tab from the button before the charts to the one after: stops inside each chart."""
    page.focus("#before")
    stops: dict[str, int] = {}
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_JS)
        if focused["id"] == "after":
            break
        if focused["chart"]:
            stops[focused["chart"]] = stops.get(focused["chart"], 0) + 1
    return stops


def arrow_keys(page) -> str | None:
    """A library's own keyboard support: Tab onto the bar chart, press the right arrow twice,
    and read the tooltip it shows."""
    page.focus("#before")
    while not page.evaluate(FOCUS_JS)["chart"]:
        page.keyboard.press("Tab")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(200)
    return page.evaluate(
        """() => { const tip = document.querySelector('#chart-0 [class*="tooltip-wrapper"]');
                   return tip ? tip.innerText.replace(/\\s+/g, ' ').trim() : null; }"""
    )


def examine(page) -> dict:
    details: dict = {"warm_ms": page.evaluate("() => window.__probe.warm(5)")}
    details["inspect"] = page.evaluate("() => window.__probe.inspect()")
    details["exports"] = page.evaluate("() => window.__probe.exports()")
    point = page.evaluate("() => window.__probe.markPoint(0)")
    if point:
        page.mouse.click(point["x"], point["y"])
        page.wait_for_timeout(200)
    details["click"] = page.evaluate("() => window.__probe.selected.slice()")
    details["axe"] = violations(page, "main")
    details["keyboard"] = keyboard_stops(page)
    details["arrow_keys"] = arrow_keys(page) if details["keyboard"].get("chart-0") else None
    details["show_mark"] = page.evaluate("() => window.__probe.showMark()")
    (HERE / "results").mkdir(exist_ok=True)
    page.screenshot(path=str(HERE / "results" / f"{page.url.split('/')[-2]}.png"), full_page=True)
    return details


def measure(names: list[str], runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    results: dict = {name: {"cold": [], "sizes": sizes(name)} for name in names}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        with serve(OUR_CSP) as base:
            for run in range(runs):
                for name in names:  # taking turns, so load changes hit every library alike
                    with probe_page(browser, f"{base}/{name}/index.html") as (page, problems):
                        results[name]["cold"].append(cold(page))
                        if run == 0 and "error" not in results[name]["cold"][-1]:
                            results[name].update(examine(page))
                        if run == 0:
                            results[name]["csp_ours"] = page.evaluate("() => window.__csp")
                            results[name]["problems"] = problems
            for name in [n for n in names if n.startswith("echarts")]:
                with probe_page(browser, f"{base}/{name}/index.html?decal") as (page, problems):
                    cold(page)
                    results[name]["decal_exports"] = page.evaluate("() => window.__probe.exports()")
                    page.screenshot(path=str(HERE / "results" / f"{name}-decal.png"))
        for policy, csp in ONE_LOAD_POLICIES.items():
            with serve(csp) as base:
                for name in names:
                    with probe_page(browser, f"{base}/{name}/index.html") as (page, problems):
                        outcome = cold(page)
                        inspected = page.evaluate("() => window.__probe.inspect()")
                        results[name][policy] = {
                            "outcome": outcome,
                            "violations": page.evaluate("() => window.__csp"),
                            "marks": [c["marks"] for c in inspected],
                        }
                        page.screenshot(path=str(HERE / "results" / f"{name}-{policy}.png"))
        browser.close()
    return results


def median_range(values: list[float]) -> str:
    if not values:
        return "—"
    return f"{statistics.median(values):.0f} ({min(values):.0f}-{max(values):.0f})"


def violation_summary(found: list[dict]) -> str:
    kinds: dict[str, int] = {}
    for v in found:
        key = f"{v['directive']} {v['blocked']}".strip()
        kinds[key] = kinds.get(key, 0) + 1
    return "; ".join(f"{k} x{n}" for k, n in kinds.items()) or "none"


def export_summary(exports: list[dict]) -> str:
    def one(kind: str) -> str:
        made = [e[kind] for e in exports if e[kind]]
        if any("error" in m for m in made):
            return f"{kind} error: {next(m['error'] for m in made if 'error' in m)}"
        painted = [m.get("painted", m.get("asImage", {}).get("painted", 0)) for m in made]
        detail = f" (min {min(painted)} px painted" if made else ""
        if made and kind == "svg":
            detail += f", {sum(m['externalRefs'] for m in made)} external refs"
        detail += ")" if made else ""
        return f"{kind} {len(made)}/3{detail}"

    return ", ".join(one(kind) for kind in ("svg", "png"))


def one_load_summary(r: dict, policy: str) -> str:
    found = r[policy]
    text = violation_summary(found["violations"])
    if "error" in found["outcome"]:
        return f"{text}; failed: {found['outcome']['error'][:80]}"
    return f"{text}; marks {found['marks']} vs {[c['marks'] for c in r.get('inspect', [])]}"


def report(results: dict, started: str, load: tuple[float, float, float]) -> str:
    lines = [
        f"started {started}; load average before {load[0]:.1f}, after "
        f"{os.getloadavg()[0]:.1f}; {os.cpu_count()} cores; Chromium {CHROMIUM}",
        "",
        "| library | lazy chunk gzip KB (raw KB) | initial gzip KB | cold: import ms | cold: "
        "3 charts ms | warm: 3 charts ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, r in results.items():
        s = r["sizes"]
        ok = [c for c in r["cold"] if "error" not in c]
        leak = " (has library code!)" if s["initial_has_library"] else ""
        load_ms = median_range([c["loadMs"] for c in ok])
        render_ms = median_range([c["renderMs"] for c in ok])
        lines.append(
            f"| {LIBRARIES[name]} | {s['lazy_gzip'] / 1024:.1f} ({s['lazy_raw'] / 1024:.0f}) | "
            f"{s['initial_gzip'] / 1024:.1f}{leak} | {load_ms} | {render_ms} | "
            f"{median_range(r.get('warm_ms', []))} |"
            + (f" failed: {r['cold'][0]['error']}" if not ok else "")
        )
    lines += [
        "",
        "| library | CSP violations (ours) | Forge's CSP | ours without style 'unsafe-inline' | "
        "exports | click on a bar | Tab stops per chart | arrow keys | mark shown by code | axe |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        lines.append(
            f"| {name} | {violation_summary(r.get('csp_ours', []))} | "
            f"{one_load_summary(r, 'forge')} | {one_load_summary(r, 'strict_style')} | "
            f"{export_summary(r['exports']) if r.get('exports') else '—'} | "
            f"{r.get('click') or 'nothing'} | {r.get('keyboard') or 'none'} | "
            f"{r.get('arrow_keys') or '—'} | {r.get('show_mark') or '—'} | "
            f"{'; '.join(r.get('axe', [])) or 'none'} |"
        )
    for name, r in results.items():
        if r.get("decal_exports"):
            patterns = [(e["svg"] or {}).get("patterns") for e in r["decal_exports"]]
            lines.append(
                f"\n{name} with decal patterns: {export_summary(r['decal_exports'])}; "
                f"<pattern> elements in the SVG exports: {patterns}"
            )
    lines += ["", "ARIA and structure per chart (bar, line, donut):"]
    for name, r in results.items():
        lines.append(f"- {name}: {json.dumps(r.get('inspect'))}")
        lines.append(f"  licences: {json.dumps(r['sizes']['licences'])}")
        if r.get("problems"):
            lines.append(f"  console/page: {r['problems'][:4]}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="*", choices=list(LIBRARIES), default=list(LIBRARIES))
    args = parser.parse_args()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load = os.getloadavg()
    results = measure(args.only, args.runs)
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "results.json").write_text(json.dumps(results, indent=1))
    print(report(results, started, load))


if __name__ == "__main__":
    main()
