"""Words for generated issues: summaries, ADF descriptions, environments, labels, and the
hostile strings that make the demo data itself test the UI's escaping."""

from __future__ import annotations

import random
from typing import Any

JsonDict = dict[str, Any]

# Summaries and labels that every dataset carries at least once (see `issues.py`).
LONG_SUMMARY = (
    "Very long summary: "
    + " ".join(
        f"step {n} of the import pipeline re-reads the tenant configuration and logs a warning;"
        for n in range(1, 15)
    )
    + " <b>end</b> & done"
)
HOSTILE_SUMMARIES = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)> broken image in the report header",
    "Quote \"double\" and 'single' and `backtick` in the summary",
    "Tom &amp; Jerry &lt;b&gt;not bold&lt;/b&gt; & raw ampersand",
    '<b>Bold</b> <i>italic</i> <a href="javascript:alert(1)">link</a> in a summary',
    "Ship it 🚀🔥 emoji summary 👩‍💻 with ZWJ sequences 🏳️‍🌈",
    "תמיכה בעברית ובערבית: دعم اللغة العربية \u202ereversed\u202c text",
    "Combining marks: Z\u0335\u0322a\u0336l\u0338g\u0335o\u0337 and e\u0301 vs \u00e9",
    "中文标题测试 日本語のタイトル 한국어 제목",
    "{{constructor.constructor('alert(1)')()}} ${7*7} ' OR 1=1 --",
    LONG_SUMMARY,
)
# Jira labels cannot contain spaces; these keep that rule and are hostile otherwise.
HOSTILE_LABELS = (
    "<script>alert(1)</script>",
    "<svg/onload=alert(1)>",
    '"quoted"',
    "it's",
    "&amp;",
    "🔥hot",
    "שלום",
    "e\u0301",
    "数据",
    "{{7*7}}",
)
# Word lists read better packed than one word per line.
# fmt: off
LABELS = (
    "backend", "frontend", "customer-request", "tech-debt", "performance", "security",
    "accessibility", "regression", "needs-design", "quick-win", "flaky-test", "docs", "ux", "api",
    "migration", "observability", "q3-goal", "q4-goal", "blocked-external", "good-first-issue",
    "i18n", "mobile", "release-blocker", "spike",
)

_OBJECTS = (
    "CSV export", "report builder", "pivot table", "column picker", "JQL filter bar",
    "dashboard gadget", "sprint report", "velocity chart", "permission check", "login page",
    "API rate limiter", "webhook handler", "search index", "billing page", "onboarding flow",
    "audit log", "user settings", "notification emails", "date picker", "time zone handling",
    "bulk edit dialog", "saved views", "sharing dialog", "Excel export", "Connect descriptor",
    "install callback", "tenant migration", "backup job", "metrics pipeline", "error page",
    "SSO integration", "mobile layout", "keyboard shortcuts", "grouping by assignee",
    "story point rollup", "cache layer", "deploy pipeline", "alert routing", "data retention job",
    "access token refresh",
)
_VERBS = (
    "Add", "Improve", "Refactor", "Document", "Remove", "Migrate", "Speed up", "Redesign",
    "Audit", "Clean up", "Upgrade", "Instrument", "Localise", "Simplify", "Harden", "Test",
)
_CONTEXTS = (
    "", "", "", "for large sites", "on Safari", "for team-managed projects", "in dark mode",
    "behind a feature flag", "for admins", "on mobile", "in the iframe", "for 10k+ issues",
    "after the upgrade", "for EU customers", "in Firefox",
)
_SYMPTOMS = (
    "fails", "times out", "shows stale data", "crashes", "renders blank", "double-counts rows",
    "ignores the time zone", "loses the sort order", "throws a 500", "leaks memory",
    "is slow", "shows the wrong total", "drops the last page", "rejects valid input",
)
_EPIC_THEMES = (
    "quarterly roadmap", "performance initiative", "self-serve onboarding", "enterprise readiness",
    "reporting v2", "platform hardening", "observability overhaul", "accessibility audit",
    "Forge migration", "data residency", "cost reduction", "mobile parity",
)
_SUBTASK_VERBS = (
    "Write tests for", "Update docs for", "Review", "Prototype", "Add metrics to",
    "Fix lint in", "Pair on", "Design",
)
_SENTENCES = (
    "Customers on large sites report that the page takes more than ten seconds to load.",
    "This blocks the pilot with two enterprise customers.",
    "Steps to reproduce: open the report, group by assignee, then sort by story points.",
    "Expected: totals match the sum of the visible rows. Actual: they differ by one row.",
    "We agreed in the planning meeting to keep the old behaviour behind a flag.",
    "See the linked incident for the timeline and the graphs.",
    "Acceptance criteria are listed below; design is final.",
    "The fix should also cover the scheduled export, which shares the code path.",
    "Nothing changes for team-managed projects.",
    "Logs show a retry storm starting at 02:14 UTC.",
    "Keep the public API unchanged; this is an internal refactor.",
    "Measure before and after on the 100k-issue fixture.",
    "Follow-up from the security review; low risk but easy to fix.",
    "Copy is ready in the design doc; translations come later.",
    "Rollback plan: revert the migration and restore from the nightly backup.",
)
_HOSTILE_SENTENCES = (
    "<script>alert('description')</script> must render as text.",
    "Pasted HTML: <table><tr><td onclick=alert(1)>cell</td></tr></table>",
    "Unicode: 🚀 עברית العربية 中文 e\u0301 \u202eRTL override\u202c",
)
_ENVIRONMENTS = (
    "Chrome 131 on macOS 15.1", "Firefox 133 on Ubuntu 24.04", "Safari 18.1 on iOS 18.1",
    "Edge 131 on Windows 11", "Production, eu-west-1", "Staging cluster, build 4512",
    "Jira Cloud, Connect iframe in Chrome", "Android 15, app 3.2.0",
)
# fmt: on


def _text(text: str) -> JsonDict:
    return {"type": "text", "text": text}


def _marked(text: str, mark: JsonDict) -> JsonDict:
    return {"type": "text", "text": text, "marks": [mark]}


def _paragraph(*content: JsonDict) -> JsonDict:
    return {"type": "paragraph", "content": list(content)}


def _doc(*content: JsonDict) -> JsonDict:
    return {"type": "doc", "version": 1, "content": list(content)}


class TextBank:
    """Pools of ADF nodes built once per site; issue descriptions combine shared nodes, which
    keeps generation fast and memory small (issues are read-only, so sharing is safe)."""

    def __init__(self, rng: random.Random) -> None:
        self.paragraphs = [
            _paragraph(_text(" ".join(rng.sample(_SENTENCES, rng.randint(1, 3)))))
            for _ in range(300)
        ]
        self.paragraphs.append(
            _paragraph(
                _text("Formatted: "),
                _marked("bold", {"type": "strong"}),
                _text(", "),
                _marked("a link", {"type": "link", "attrs": {"href": "javascript:alert(1)"}}),
                _text(" and "),
                _marked("code()", {"type": "code"}),
            )
        )
        self.hostile_paragraphs = [_paragraph(_text(sentence)) for sentence in _HOSTILE_SENTENCES]
        self.bullet_lists = [
            {
                "type": "bulletList",
                "content": [
                    {"type": "listItem", "content": [_paragraph(_text(item))]}
                    for item in rng.sample(_SENTENCES, rng.randint(2, 4))
                ],
            }
            for _ in range(40)
        ]
        self.code_block = {
            "type": "codeBlock",
            "attrs": {"language": "python"},
            "content": [_text("rows = sorted(rows, key=lambda r: r['points'] or 0)\n")],
        }
        self.environments = [_doc(_paragraph(_text(text))) for text in _ENVIRONMENTS]

    def summary(self, rng: random.Random, issue_type_name: str) -> str:
        if issue_type_name == "Epic":
            return f"{rng.choice(_OBJECTS).capitalize()}: {rng.choice(_EPIC_THEMES)}"
        if issue_type_name == "Bug":
            text = f"{rng.choice(_OBJECTS).capitalize()} {rng.choice(_SYMPTOMS)}"
        elif issue_type_name == "Sub-task":
            text = f"{rng.choice(_SUBTASK_VERBS)} {rng.choice(_OBJECTS)}"
        else:
            text = f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)}"
        context = rng.choice(_CONTEXTS)
        return f"{text} {context}" if context else text

    def description(self, rng: random.Random, hostile: bool) -> JsonDict | None:
        roll = rng.random()
        if roll < 0.2 and not hostile:
            return None
        content = [rng.choice(self.paragraphs)]
        if roll > 0.7:
            content.append(rng.choice(self.bullet_lists))
        if roll > 0.95:
            content.append(self.code_block)
        if roll > 0.5:
            content.append(rng.choice(self.paragraphs))
        if hostile:
            content.append(rng.choice(self.hostile_paragraphs))
        return _doc(*content)

    def labels(self, rng: random.Random) -> list[str]:
        roll = rng.random()
        count = 0 if roll < 0.45 else 1 if roll < 0.75 else 2 if roll < 0.93 else 3
        return sorted(rng.sample(LABELS, count)) if count else []
