"""Package the client build as the Forge app's Custom UI resource.

The client has one Vite build for both hosts (`src/rollbook/static/app/`, relative asset
paths, an `index.html` entry). Forge hosts a resource folder next to `forge/manifest.yml`; this
copies the build there, leaving out Vite's own manifest, and refuses a build that Forge could
not serve: no `index.html`, or an asset referenced by an absolute URL (Forge serves the
resource from its own CDN path, so only relative URLs resolve).

    python scripts/package_forge.py    # ./dev forge runs this after building the client
"""

from __future__ import annotations

import re
import shutil
import sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "src" / "rollbook" / "static" / "app"
RESOURCE = ROOT / "forge" / "resources" / "rollbook"

_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
_URL_ATTRIBUTES = {"src", "href"}


class PackagingError(Exception):
    """The build cannot be served as a Forge Custom UI resource."""


class _AssetUrls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [value for name, value in attrs if name in _URL_ATTRIBUTES and value]


def asset_urls(folder: Path) -> list[str]:
    """Every URL `index.html` and the stylesheets reference."""
    parser = _AssetUrls()
    parser.feed((folder / "index.html").read_text())
    urls = parser.urls
    for stylesheet in folder.rglob("*.css"):
        urls += _CSS_URL.findall(stylesheet.read_text())
    return urls


def is_relative(url: str) -> bool:
    return not re.match(r"^(/|[a-z][a-z0-9+.-]*:)", url, re.IGNORECASE) or url.startswith("data:")


def check_resource(folder: Path) -> None:
    if not (folder / "index.html").is_file():
        raise PackagingError(f"{folder} has no index.html (Forge's Custom UI entry)")
    absolute = [url for url in asset_urls(folder) if not is_relative(url)]
    if absolute:
        raise PackagingError(f"absolute asset URLs cannot be served by Forge: {absolute}")


def package(build: Path = BUILD, resource: Path = RESOURCE) -> Path:
    check_resource(build)
    if resource.exists():
        shutil.rmtree(resource)
    shutil.copytree(build, resource, ignore=shutil.ignore_patterns(".vite"))
    return resource


def main() -> int:
    try:
        folder = package()
    except PackagingError as error:
        print(f"package_forge: {error}", file=sys.stderr)
        return 1
    print(f"Forge resource ready: {folder.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
