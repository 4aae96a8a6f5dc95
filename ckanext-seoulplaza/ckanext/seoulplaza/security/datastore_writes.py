"""Rows written through the DataStore API are masked before they are stored.

``datastore_create`` and ``datastore_upsert`` take records straight from a
caller — a steward's script, an extension, xloader's tabulator path — and
put them in public tables, dumps and full-text search. Each record passes
``masking.TableMasker`` first: by column meaning (the fields' ids and Korean
labels: a private person's 성명 or 연락처 column is replaced whole) and by
pattern in every other text cell. What was masked is logged by kind.

A harvest masks its tables when it fetches them, with the same masker, and
says so in the action's context (``MASKED``, which no API caller can set);
those rows are not masked twice.
"""
from __future__ import annotations

import logging
from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from masking.columns import TableMasker

from .. import uploads
from . import MASKED, checked_before

log = logging.getLogger(__name__)



def masked_records(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """The data dict with its ``records`` masked (unchanged when it has none,
    or when ``context[MASKED]``)."""
    records = data_dict.get("records")
    if context.get(MASKED) or not isinstance(records, list) or not records:
        return data_dict
    fields = data_dict.get("fields")
    if not fields and data_dict.get("resource_id"):
        try:
            fields = tk.get_action("datastore_info")({"ignore_auth": True}, {"id": data_dict["resource_id"]})["fields"]
        except tk.ObjectNotFound:
            fields = []
    masker = TableMasker.for_fields(fields or [], record_keys=(k for r in records if isinstance(r, dict) for k in r))
    masked = [masker.mask_record(r) if isinstance(r, dict) else r for r in records]
    if masker.found:
        log.info("DataStore %s: masked before storing: %s", data_dict.get("resource_id") or "(new)",
                 uploads.report(masker.found))
    return dict(data_dict, records=masked)


datastore_create, datastore_upsert = checked_before(masked_records), checked_before(masked_records)


def ACTIONS() -> dict[str, Any]:
    return {"datastore_create": datastore_create, "datastore_upsert": datastore_upsert} \
        if p.plugin_loaded("datastore") else {}
