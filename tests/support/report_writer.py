"""A separate process that keeps creating reports and prints `ACK <id> <name>` after each commit.

Used to prove that a backup taken while the server writes holds every acknowledged report."""

from __future__ import annotations

import sys
import time

from rollbook.core.db import Database
from rollbook.reports.schemas import ReportBody
from rollbook.reports.service import insert_report


def main(database_url: str, client_key: str, seconds: float) -> None:
    database = Database(database_url)
    deadline = time.monotonic() + seconds
    index = 0
    while time.monotonic() < deadline:
        name = f"written-{index:06d}"
        body = ReportBody.model_validate(
            {
                "name": name,
                "jql": f"project = ROLL AND key = ROLL-{index}",
                "columns": [{"field": "summary"}, {"field": "timespent", "aggregation": "sum"}],
                "people": {"access": "open", "administrators": ["writer"]},
            }
        )
        with database.session() as session:
            row = insert_report(session, client_key=client_key, body=body, created_by="writer")
            report_id = row.id
        print(f"ACK {report_id} {name}", flush=True)
        index += 1
    database.dispose()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]))
