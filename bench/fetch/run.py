"""Fetch benchmark: a 20,000-issue report from jirasim with 150 ms latency per request, loaded by
the client's fetch planner and by sequential /search/jql paging (same Node process), plus the
client bundle size (gzip of the initial JavaScript).

Run: .venv/bin/python bench/fetch/run.py [--issues 20000] [--latency-ms 150]
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import httpx  # noqa: E402
from devstack import free_port  # noqa: E402


def bundle_size() -> str:
    subprocess.run(["npx", "vite", "build", "--logLevel", "error"], cwd=ROOT / "client", check=True)
    app_dir = ROOT / "src/rollbook/static/app"
    manifest = json.loads((app_dir / ".vite/manifest.json").read_text())
    entry = next(item for item in manifest.values() if item.get("isEntry"))
    files = [entry["file"], *[manifest[name]["file"] for name in entry.get("imports", [])]]
    raw = sum((app_dir / f).stat().st_size for f in files)
    zipped = sum(len(gzip.compress((app_dir / f).read_bytes(), 9)) for f in files)
    return (
        f"initial JavaScript ({', '.join(files)}): {raw / 1024:.0f} KB, {zipped / 1024:.0f} KB gzip"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--issues", type=int, default=20_000)
    parser.add_argument("--latency-ms", type=int, default=150)
    args = parser.parse_args()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        jirasim = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "jirasim.cli",
                "serve",
                "--port",
                str(port),
                "--issues",
                str(args.issues),
                "--seed",
                "5",
                "--latency-ms",
                str(args.latency_ms),
                "--base-url",
                url,
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            for _ in range(600):
                try:
                    httpx.get(f"{url}/rest/api/3/serverInfo", timeout=2)
                    break
                except httpx.HTTPError:
                    time.sleep(0.2)
            print(
                f"{time.strftime('%Y-%m-%d')}, jirasim {args.issues} issues, "
                f"{args.latency_ms} ms latency per request"
            )
            subprocess.run(
                ["node", "--import", "tsx", "../bench/fetch/run.ts", url],
                cwd=ROOT / "client",
                check=True,
            )
        finally:
            jirasim.terminate()
            jirasim.wait(timeout=10)
    print(bundle_size())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
