"""JQL engine of jirasim: parse, validate and evaluate Jira Query Language over a `Site`.

Knows nothing about HTTP. The REST layer uses `JqlSearcher` (search, validation, boundedness,
`/jql/parse` structures) and the two exceptions; `parse_jql` is the bare parser.
"""

from jirasim.jql.ast import Query
from jirasim.jql.errors import JqlSyntaxError, JqlValidationError
from jirasim.jql.parser import parse_jql
from jirasim.jql.searcher import JqlSearcher
from jirasim.jql.validate import MAX_ORDER_BY_FIELDS

__all__ = [
    "MAX_ORDER_BY_FIELDS",
    "JqlSearcher",
    "JqlSyntaxError",
    "JqlValidationError",
    "Query",
    "parse_jql",
]
