"""The client's Vite build (one bundle for Connect and Forge), rebuilt when a source is newer,
and the Forge resource packaged from it: what the browser tests and the Forge checks load."""

from __future__ import annotations

import fcntl
import shutil
import subprocess
from pathlib import Path

import pytest
from package_forge import RESOURCE, package

ROOT = Path(__file__).resolve().parents[2]
CLIENT = ROOT / "client"
BUILD = ROOT / "src" / "rollbook" / "static" / "app"
VITE_MANIFEST = BUILD / ".vite" / "manifest.json"


def _client_sources() -> list[Path]:
    files = [p for p in (CLIENT / "src").rglob("*") if p.is_file()]
    extra = ["index.html", "vite.config.ts", "package.json", "package-lock.json", "tsconfig.json"]
    return files + [CLIENT / name for name in extra if (CLIENT / name).exists()]


def ensure_client_bundle() -> Path:
    """The build folder, built first when missing or older than a client source."""
    # One build at a time: test sessions started side by side share the output folder, and
    # Vite empties it before writing.
    with open(CLIENT / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        newest = max(p.stat().st_mtime for p in _client_sources())
        if not VITE_MANIFEST.exists() or VITE_MANIFEST.stat().st_mtime < newest:
            if shutil.which("npx") is None:
                pytest.fail("the client bundle is stale and npx is not installed")
            subprocess.run(["npx", "vite", "build"], cwd=CLIENT, check=True, timeout=600)
        # jirasim serves the Forge app from the packaged resource, not from the build: a stale
        # copy would test Forge on yesterday's client.
        # (The copy keeps the build's times, so equal times mean the same build.)
        built, packaged = BUILD / "index.html", RESOURCE / "index.html"
        if not packaged.exists() or packaged.stat().st_mtime != built.stat().st_mtime:
            package(BUILD, RESOURCE)
    assert VITE_MANIFEST.exists()
    return BUILD
