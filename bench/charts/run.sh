#!/usr/bin/env bash
# Chart libraries for issue 13 side by side: builds one probe per library with the client's Vite
# (src/libs/NAME, loaded lazily by src/main.js), then run.py times and inspects each in headless
# Chromium under Rollbook's CSP. Needs the npm registry on first use (`npm ci` here; not part of
# ./dev or the tests). Arguments go to run.py: [--runs 5] [--only NAME ...]
set -euo pipefail
cd "$(dirname "$0")"
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
for library in src/libs/*; do
  name=$(basename "$library")
  case "$name" in *-common.js | *-specs.js) continue ;; esac
  PROBE=$name npx vite build --logLevel error >/dev/null
done
exec ../../.venv/bin/python run.py "$@"
