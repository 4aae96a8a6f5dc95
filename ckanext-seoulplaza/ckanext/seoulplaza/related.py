"""A record's neighbours on its page: the records that share its unit task,
project or committee, and the DataStore rows that back an expense report.

Searches run as the visitor, so a private record never appears as a neighbour.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

# Fields whose equal values tie records together, with what the tie is called.
RELATING_FIELDS = {
    "unit_task": "same_unit_task",
    "project_name": "same_project",
    "committee": "same_committee",
}
# The 업무추진비 tables (공공데이터 tagged 업무추진비) and how a report finds its rows.
EXPENSE_TABLES_FQ = "dataset_type:opendata tags:업무추진비"
# The columns a reader needs beside the report (the table has the rest).
EXPENSE_COLUMNS = ("exec_dt", "exec_loc", "exec_purpose", "target_nm", "payment_method", "exec_amount")


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def related_records(pkg: dict[str, Any], limit: int = 5) -> list[dict[str, Any]]:
    """Groups of other records sharing one of ``RELATING_FIELDS`` with ``pkg``:
    ``[{"tie": "same_unit_task", "value": …, "count": n, "records": […]}]``."""
    groups = []
    for field, tie in RELATING_FIELDS.items():
        value = pkg.get(field)
        if not value:
            continue
        result = tk.get_action("package_search")({}, {
            "fq": f"{field}:{_quoted(value)} -id:{pkg['id']}", "rows": limit,
            "sort": "production_date desc, metadata_modified desc"})
        if result["count"]:
            groups.append({"tie": tie, "field": field, "value": value,
                           "count": result["count"], "records": result["results"]})
    return groups


def _expense_filters(pkg: dict[str, Any]) -> dict[str, Any] | None:
    executed = pkg.get("execution_datetime") or pkg.get("production_date") or ""
    if pkg.get("type") != "expense" or not pkg.get("department") or len(executed) < 7:
        return None
    return {"dept_nm_full": pkg["department"], "exec_yr": int(executed[:4]), "exec_month": int(executed[5:7])}


def backing_rows(pkg: dict[str, Any], limit: int = 10) -> list[dict[str, Any]]:
    """For an expense report: the rows of the 업무추진비 tables for its
    department and month, per table resource."""
    filters = _expense_filters(pkg)
    if filters is None:
        return []
    tables = tk.get_action("package_search")({}, {"fq": EXPENSE_TABLES_FQ, "rows": 20})["results"]
    found = []
    for dataset in tables:
        for resource in dataset.get("resources", []):
            if not resource.get("datastore_active"):
                continue
            try:
                rows = tk.get_action("datastore_search")({}, {
                    "resource_id": resource["id"], "filters": filters, "limit": limit,
                    "sort": "exec_dt"})
            except (tk.ValidationError, tk.ObjectNotFound, tk.NotAuthorized):
                continue  # a table without these columns, or one the visitor may not read
            if rows["total"]:
                fields = [f for f in rows["fields"] if f["id"] in EXPENSE_COLUMNS]
                found.append({"dataset": dataset, "resource": resource, "total": rows["total"],
                              "fields": fields, "records": rows["records"], "filters": filters})
    return found
