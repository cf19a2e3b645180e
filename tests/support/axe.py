"""axe-core's WCAG 2.1 A and AA audit of one frame, from the client's npm lock file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE = Path(__file__).resolve().parents[2] / "client" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AUDIT_JS = """async ([within, tags]) => {
  const context = within === null ? document : { include: [[within]] };
  const result = await axe.run(context, { runOnly: { type: "tag", values: tags } });
  return result.violations.map((v) => ({
    rule: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
  }));
}"""


def violations(frame: Any, within: str | None = None) -> list[str]:
    """axe's findings in `frame` (or only in the part `within` selects), one line each (rule,
    impact, first elements)."""
    # Playwright's evaluate is not subject to the page's Content-Security-Policy, so axe can
    # run in the app frame without loosening the CSP.
    if not frame.evaluate("() => typeof axe !== 'undefined'"):
        frame.evaluate(AXE.read_text(encoding="utf-8"))
    found = frame.evaluate(AUDIT_JS, [within, WCAG_TAGS])
    return [f"{v['rule']} ({v['impact']}): {', '.join(v['nodes'])}" for v in found]
