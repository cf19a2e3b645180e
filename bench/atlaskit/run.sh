#!/usr/bin/env bash
# Builds three entries (React alone; the viewer's Atlaskit set: button, lozenge, dropdown menu;
# every Atlaskit component issue 12 names) with the client's Vite version and prints what each
# whole build weighs, JS and CSS gzipped. Needs the npm registry on first use (`npm ci` from its
# own lock file; not part of ./dev or the tests).
set -euo pipefail
cd "$(dirname "$0")"
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error --legacy-peer-deps
printf '%-12s %12s %12s\n' entry "JS gzip" "CSS gzip"
for probe in react-only viewer-set full-set; do
  printf '<!doctype html><div id="root"></div><script type="module" src="/src/%s.tsx"></script>\n' "$probe" > "$probe.html"
  PROBE=$probe npx vite build --logLevel error --outDir "dist/$probe" >/dev/null
  rm -f "$probe.html"
  js=$(cat dist/$probe/assets/*.js | gzip -c | wc -c)
  css=$( (cat dist/$probe/assets/*.css 2>/dev/null || true) | gzip -c | wc -c)
  printf '%-12s %12s %12s\n' "$probe" "$js" "$css"
done
