"""Generated shapes validate against the Jira Cloud OpenAPI schemas (a copied subset, see
tests/fixtures/README.md): the field catalog as `FieldDetails`, issues as `IssueBean`, and each
system field value against the schema Jira documents for it."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from jirasim.site import Site
from support.openapi import allow_null

# Field id -> component schema of its value (arrays: of each element).
FIELD_SCHEMAS = {
    "status": "StatusDetails",
    "priority": "Priority",
    "issuetype": "IssueTypeDetails",
    "resolution": "Resolution",
    "assignee": "UserDetails",
    "reporter": "UserDetails",
    "creator": "UserDetails",
    "project": "ProjectDetails",
    "timetracking": "TimeTrackingDetails",
    "parent": "LinkedIssue",
    "comment": "PageOfComments",
    "worklog": "PageOfWorklogs",
    "votes": "Votes",
    "watches": "Watchers",
}
ARRAY_FIELD_SCHEMAS = {
    "components": "ProjectComponent",
    "fixVersions": "Version",
    "versions": "Version",
    "subtasks": "LinkedIssue",
}
INTEGER_FIELDS = (
    "timespent",
    "timeestimate",
    "timeoriginalestimate",
    "aggregatetimespent",
    "aggregatetimeestimate",
    "aggregatetimeoriginalestimate",
)


@pytest.fixture(scope="module")
def components(fixtures_dir: Path) -> dict[str, Any]:
    document = json.loads((fixtures_dir / "jira-openapi-subset.json").read_text(encoding="utf-8"))
    schemas = copy.deepcopy(document["components"]["schemas"])
    # Jira returns null `from`/`fromString`/`to`/`toString` for empty values (the spec's own
    # example for GET /issue/{id}/changelog has `"from":null`) but omits `nullable` there.
    for name in ("from", "fromString", "to", "toString"):
        schemas["ChangeDetails"]["properties"][name]["nullable"] = True
    return {"schemas": allow_null(schemas)}


def validator(components: dict[str, Any], name: str) -> Draft4Validator:
    schema = {"$ref": f"#/components/schemas/{name}", "components": components}
    return Draft4Validator(schema)


def test_the_validator_rejects_what_the_spec_forbids(components: dict[str, Any]) -> None:
    fields = validator(components, "FieldDetails")
    assert fields.is_valid({"id": "summary", "schema": {"type": "string"}})
    assert not fields.is_valid({"id": "summary", "untranslatedName": "Summary"})
    assert not fields.is_valid({"id": "summary", "schema": {"system": "summary"}})
    issue = validator(components, "IssueBean")
    assert not issue.is_valid({"id": 10000})


def test_field_catalog_is_a_list_of_field_details(site: Site, components: dict[str, Any]) -> None:
    fields = validator(components, "FieldDetails")
    for field in site.fields:
        fields.validate(field)
    assert len({field["id"] for field in site.fields}) == len(site.fields)


def test_issues_are_issue_beans_with_documented_field_values(
    site: Site, components: dict[str, Any]
) -> None:
    issue_bean = validator(components, "IssueBean")
    by_field = {name: validator(components, schema) for name, schema in FIELD_SCHEMAS.items()}
    by_element = {
        name: validator(components, schema) for name, schema in ARRAY_FIELD_SCHEMAS.items()
    }
    sample = site.issues[::3]
    for issue in sample:
        issue_bean.validate(issue)
        fields = issue["fields"]
        for name, field_validator in by_field.items():
            if fields.get(name) is not None:
                field_validator.validate(fields[name])
        for name, element_validator in by_element.items():
            for element in fields[name]:
                element_validator.validate(element)
        for name in INTEGER_FIELDS:
            assert fields[name] is None or isinstance(fields[name], int)
        assert fields["description"] is None or fields["description"]["type"] == "doc"
    # the sample covers every optional shape
    for name in ("parent", "resolution", "assignee"):
        assert any(issue["fields"].get(name) for issue in sample), name
    for name in ("subtasks", "components", "fixVersions", "versions"):
        assert any(issue["fields"][name] for issue in sample), name
    assert any(issue["fields"]["worklog"]["worklogs"] for issue in sample)
    assert any(issue["changelog"]["histories"] for issue in sample)
