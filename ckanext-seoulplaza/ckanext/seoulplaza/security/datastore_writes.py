"""Rows written through the DataStore API are masked before they are stored.

``datastore_create`` and ``datastore_upsert`` take records straight from a
caller — a steward's script, an extension, xloader's tabulator path — and
put them in public tables, dumps and full-text search. Each record passes
``masking.TableMasker`` first: by column meaning (the fields' ids and Korean
labels: a private person's 성명 or 연락처 column is replaced whole) and by
pattern in every other text cell, inside JSON and array cells too. The
fields' data dictionary (``info``: label, notes, …), shown on the table's
page and by ``datastore_info``, is masked by pattern; a column *id* holding
personal information is refused (409), since masking it would part the
column from the records that name it. What was masked is logged by kind.

A harvest masks its tables when it fetches them, with the same masker, and
says so in the action's context (``MASKED``, which no API caller can set);
those rows are not masked twice.
"""
from __future__ import annotations

import logging
from collections import Counter
from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from masking import scan
from masking.columns import TableMasker

from .. import uploads
from . import MASKED, checked_before
from .catalogue_text import masked_strings

log = logging.getLogger(__name__)


def masked_fields(fields: Any) -> Any:
    """``fields`` with each field's ``info`` masked by pattern.

    :raises tk.ValidationError: a field's id holds personal information
        (naming the field by its position, not repeating the value)
    """
    if not isinstance(fields, list):
        return fields
    found: Counter = Counter()
    for position, field in enumerate(fields, 1):
        if isinstance(field, dict) and isinstance(field.get("id"), str) and scan(field["id"]):
            raise tk.ValidationError({"fields": [tk._(
                "Column {position}: its name holds personal information; name the column by what it "
                "holds (e.g. 연락처), not with a value").format(position=position)]})
    masked = [dict(field, info=masked_strings(field["info"], found))
              if isinstance(field, dict) and isinstance(field.get("info"), dict) else field for field in fields]
    if found:
        log.info("DataStore data dictionary: masked before storing: %s", uploads.report(found))
    return masked


def masked_records(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """The data dict with its fields' data dictionary and its ``records``
    masked (unchanged when ``context[MASKED]``).

    :raises tk.ValidationError: a column id holds personal information
    """
    if context.get(MASKED):
        return data_dict
    if "fields" in data_dict:
        data_dict = dict(data_dict, fields=masked_fields(data_dict["fields"]))
    records = data_dict.get("records")
    if not isinstance(records, list) or not records:
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
