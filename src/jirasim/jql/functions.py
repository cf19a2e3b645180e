"""The JQL function registry: small named functions registered like extensions.

Each `JqlFunction` declares the type of value it yields (a date, users, sprints, versions or
issue types), whether it yields a list, its argument count and an optional argument check with
Jira's messages. `docs/jql.md` must document every registered name (enforced by a test).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from jirasim.jql.dates import end_of, parse_increment, shift, start_of, to_millis

if TYPE_CHECKING:
    from jirasim.jql.context import EvalContext, IndexedSite


class ValueType(StrEnum):
    DATE = "date"
    USER = "user"
    SPRINT = "sprint"
    VERSION = "version"
    ISSUE_TYPE = "issue_type"


@dataclass(frozen=True)
class FunctionResult:
    """Canonical value keys (account ids, sprint/version/issue-type ids) or an instant."""

    keys: frozenset[str] = frozenset()
    instant: int | None = None


Evaluate = Callable[[tuple[str, ...], "IndexedSite", "EvalContext"], FunctionResult]
CheckArguments = Callable[[str, tuple[str, ...], "IndexedSite"], list[str]]


@dataclass(frozen=True)
class JqlFunction:
    name: str
    value_type: ValueType
    returns_list: bool
    min_arguments: int
    max_arguments: int | None  # None: any number
    evaluate: Evaluate
    description: str
    check_arguments: CheckArguments | None = None

    def argument_count_error(self, received: int) -> str | None:
        low, high = self.min_arguments, self.max_arguments
        if low <= received and (high is None or received <= high):
            return None
        if high is None:
            expected = f"at least '{low}'"
        elif low == high:
            expected = f"'{low}'"
        else:
            expected = f"between '{low}' and '{high}'"
        return f"Function '{self.name}' expected {expected} arguments but received '{received}'."


class FunctionRegistry:
    """Functions by case-insensitive name; registering a name twice is an error."""

    def __init__(self) -> None:
        self._functions: dict[str, JqlFunction] = {}

    def register(self, function: JqlFunction) -> None:
        key = function.name.lower()
        if key in self._functions:
            raise ValueError(f"JQL function {function.name!r} is already registered")
        self._functions[key] = function

    def get(self, name: str) -> JqlFunction | None:
        return self._functions.get(name.lower())

    def __iter__(self) -> Iterator[JqlFunction]:
        return iter(self._functions.values())


# --- dates -------------------------------------------------------------------------------

_PERIOD_UNITS = {"day": "d", "week": "w", "month": "M", "year": "y"}


def _now(arguments: tuple[str, ...], index: IndexedSite, context: EvalContext) -> FunctionResult:
    return FunctionResult(instant=to_millis(context.now))


def _date_function(period: str, edge: str) -> JqlFunction:
    unit = _PERIOD_UNITS[period]
    name = f"{edge}Of{period.capitalize()}"

    def evaluate(
        arguments: tuple[str, ...], index: IndexedSite, context: EvalContext
    ) -> FunctionResult:
        local = context.now.astimezone(context.zone)
        boundary = (start_of if edge == "start" else end_of)(period, local, context.week_start)
        if arguments:
            increment = parse_increment(arguments[0], unit)
            if increment is not None:
                boundary = shift(boundary, *increment)
        return FunctionResult(instant=to_millis(boundary))

    def check(function_name: str, arguments: tuple[str, ...], index: IndexedSite) -> list[str]:
        if arguments and parse_increment(arguments[0], unit) is None:
            return [
                f"Duration for function '{function_name}' should have the format "
                "(+/-)n(yMwdm), e.g -1M for 1 month earlier."
            ]
        return []

    when = "start" if edge == "start" else "end"
    return JqlFunction(
        name, ValueType.DATE, False, 0, 1, evaluate,
        f"The {when} of the current {period} in the user's time zone, optionally moved by an "
        f"increment such as `-1{unit}` (unit defaults to `{unit}`).",
        check,
    )  # fmt: skip


# --- users -------------------------------------------------------------------------------


def _current_user(
    arguments: tuple[str, ...], index: IndexedSite, context: EvalContext
) -> FunctionResult:
    return FunctionResult(frozenset({context.account_id} if context.account_id else ()))


def _group(index: IndexedSite, name: str) -> list[str] | None:
    return next((m for g, m in index.site.groups.items() if g.lower() == name.lower()), None)


def _members_of(
    arguments: tuple[str, ...], index: IndexedSite, context: EvalContext
) -> FunctionResult:
    return FunctionResult(frozenset(_group(index, arguments[0]) or ()))


def _check_group(function_name: str, arguments: tuple[str, ...], index: IndexedSite) -> list[str]:
    if arguments and _group(index, arguments[0]) is None:
        return [
            f"Function '{function_name}' can not generate a list of usernames for group "
            f"'{arguments[0]}'; the group does not exist."
        ]
    return []


# --- sprints -----------------------------------------------------------------------------


def _sprints_in(state: str) -> Evaluate:
    def evaluate(
        arguments: tuple[str, ...], index: IndexedSite, context: EvalContext
    ) -> FunctionResult:
        return FunctionResult(frozenset(str(s.id) for s in index.site.sprints if s.state == state))

    return evaluate


# --- versions ----------------------------------------------------------------------------


def _project_keys(index: IndexedSite, arguments: tuple[str, ...]) -> set[str]:
    if not arguments:
        return {p.key.upper() for p in index.site.projects}
    keys: set[str] = set()
    for argument in arguments:
        keys |= index.values.projects.lookup(argument, argument.isdigit())
    return keys


def _check_projects(
    function_name: str, arguments: tuple[str, ...], index: IndexedSite
) -> list[str]:
    return [
        f"Could not resolve the project '{argument}' provided to function '{function_name}'."
        for argument in arguments
        if not index.values.projects.lookup(argument, argument.isdigit())
    ]


def _versions(released: bool) -> Evaluate:
    def evaluate(
        arguments: tuple[str, ...], index: IndexedSite, context: EvalContext
    ) -> FunctionResult:
        projects = _project_keys(index, arguments)
        return FunctionResult(
            frozenset(
                v.id
                for v in index.site.versions
                if v.project_key.upper() in projects and v.released == released and not v.archived
            )
        )

    return evaluate


def _edge_version(released: bool) -> Evaluate:
    def evaluate(
        arguments: tuple[str, ...], index: IndexedSite, context: EvalContext
    ) -> FunctionResult:
        projects = _project_keys(index, arguments)
        candidates = [
            v
            for v in index.site.versions
            if v.project_key.upper() in projects and v.released == released and not v.archived
        ]
        if not candidates:
            return FunctionResult()
        # The latest released / earliest unreleased version in the project's version order.
        chosen = candidates[-1] if released else candidates[0]
        return FunctionResult(frozenset({chosen.id}))

    return evaluate


# --- issue types -------------------------------------------------------------------------


def _issue_types(subtasks: bool) -> Evaluate:
    def evaluate(
        arguments: tuple[str, ...], index: IndexedSite, context: EvalContext
    ) -> FunctionResult:
        types = index.values.issue_types.names
        return FunctionResult(
            frozenset(t for t in types if (t in index.values.subtask_types) == subtasks)
        )

    return evaluate


def default_registry() -> FunctionRegistry:
    """A registry holding every built-in function."""
    registry = FunctionRegistry()
    registry.register(
        JqlFunction("now", ValueType.DATE, False, 0, 0, _now, "The current date and time.")
    )
    for period in ("day", "week", "month", "year"):
        for edge in ("start", "end"):
            registry.register(_date_function(period, edge))
    for function in (
        JqlFunction("currentUser", ValueType.USER, False, 0, 0, _current_user,
                    "The searching user (matches nothing for anonymous searches)."),
        JqlFunction("membersOf", ValueType.USER, True, 1, 1, _members_of,
                    "Members of the named group.", _check_group),
        JqlFunction("openSprints", ValueType.SPRINT, True, 0, 0, _sprints_in("active"),
                    "Sprints whose state is `active`."),
        JqlFunction("closedSprints", ValueType.SPRINT, True, 0, 0, _sprints_in("closed"),
                    "Sprints whose state is `closed`."),
        JqlFunction("futureSprints", ValueType.SPRINT, True, 0, 0, _sprints_in("future"),
                    "Sprints whose state is `future`."),
        JqlFunction("releasedVersions", ValueType.VERSION, True, 0, None, _versions(True),
                    "Released, unarchived versions of the given projects (all when none given).",
                    _check_projects),
        JqlFunction("unreleasedVersions", ValueType.VERSION, True, 0, None, _versions(False),
                    "Unreleased, unarchived versions of the given projects (all when none given).",
                    _check_projects),
        JqlFunction("latestReleasedVersion", ValueType.VERSION, False, 1, 1, _edge_version(True),
                    "The last released version of the project in version order.",
                    _check_projects),
        JqlFunction("earliestUnreleasedVersion", ValueType.VERSION, False, 1, 1,
                    _edge_version(False),
                    "The first unreleased version of the project in version order.",
                    _check_projects),
        JqlFunction("standardIssueTypes", ValueType.ISSUE_TYPE, True, 0, 0, _issue_types(False),
                    "Issue types that are not sub-task types."),
        JqlFunction("subTaskIssueTypes", ValueType.ISSUE_TYPE, True, 0, 0, _issue_types(True),
                    "Sub-task issue types."),
    ):  # fmt: skip
        registry.register(function)
    return registry
