"""What the API guide page (/api-guide) documents, taken from the running
configuration so it cannot go stale: the information types and their fields
(from the scheming schemas), the paging limits, and live examples (a record
and a DataStore table of this catalogue)."""
from __future__ import annotations

from typing import Any, Optional

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckanext.scheming.helpers import scheming_dataset_schemas

from .labels import schema_text, type_label


def type_fields() -> list[dict[str, Any]]:
    """Each information type with its fields: API name, label, required, allowed values."""
    types = []
    for name, schema in (scheming_dataset_schemas() or {}).items():
        fields = [{"name": f["field_name"], "label": schema_text(f.get("label")),
                   "required": bool(f.get("required")),
                   "choices": [c["value"] for c in f.get("choices") or []]}
                  for f in schema["dataset_fields"]]
        types.append({"name": name, "label": type_label(name), "fields": fields})
    return types


def limits() -> dict[str, Any]:
    return {"search_rows_max": tk.config.get("ckan.search.rows_max"),
            "datastore_rows_default": tk.config.get("ckan.datastore.search.rows_default"),
            "datastore_rows_max": tk.config.get("ckan.datastore.search.rows_max"),
            "sql_enabled": tk.asbool(tk.config.get("ckan.datastore.sqlsearch.enabled")),
            "dcat_enabled": p.plugin_loaded("dcat")}


def _first(fq: str) -> Optional[dict[str, Any]]:
    found = tk.get_action("package_search")({}, {"fq": fq, "rows": 1, "sort": "metadata_modified desc"})
    return found["results"][0] if found["results"] else None


def examples() -> dict[str, Any]:
    """A public record and a public DataStore table of this catalogue, for the examples."""
    record = _first("dataset_type:sanction") or _first("*:*")
    table, table_resource = None, None
    found = tk.get_action("package_search")({}, {"fq": "res_format:CSV", "rows": 50})
    for dataset in found["results"]:
        resource = next((r for r in dataset.get("resources", []) if r.get("datastore_active")), None)
        if resource:
            table, table_resource = dataset, resource
            break
    columns = []
    if table_resource:
        info = tk.get_action("datastore_search")({}, {"resource_id": table_resource["id"], "limit": 1})
        columns = [{"id": f["id"], "type": f["type"], "label": (f.get("info") or {}).get("label", "")}
                   for f in info["fields"] if f["id"] != "_id"]
    return {"record": record, "table": table, "table_resource": table_resource, "columns": columns}
