"""What editors type into records and resources is masked before it is stored.

A harvest masks a record's metadata in its fetch stage; a steward creating or
editing a record by hand (the form, the API, ``package_patch``, every
``resource_*`` action, which all end in ``package_create`` or
``package_update``) typed the text straight into public pages, the API, the
search index, DCAT and the dumps. Every text field of the record and of each
resource now passes ``masking.redact`` first — the fields that are
identifiers, choices or addresses (``STRUCTURAL``) aside, which masking would
leave alone anyway and whose exact value other code relies on. Numeric
character references (``&#48;``), which the markdown of a description shows
as characters, are read as those characters. What was masked is logged by kind.

A harvest's own calls say ``MASKED`` in their context and are not masked twice.
"""
from __future__ import annotations

import logging
import re
import sys
from collections import Counter
from typing import Any

from masking import redact

from .. import uploads
from . import MASKED, checked_before

log = logging.getLogger(__name__)

# Keys whose value is an identifier, a choice, a date stamp or an address, not prose.
STRUCTURAL = frozenset({
    "id", "name", "type", "owner_org", "url", "url_type", "license_id", "state", "private", "version",
    "package_id", "format", "mimetype", "mimetype_inner", "hash", "resource_type", "resource_role", "position",
    "size", "cache_url", "cache_last_updated", "created", "last_modified", "metadata_created",
    "metadata_modified", "datastore_active", "creator_user_id", "source_system", "source_id", "theme",
    "disclosure_class", "nondisclosure_ground", "retention_period", "upload", "clear_upload",
})


# Numeric character references (&#48; &#x30;): CKAN renders descriptions as
# markdown, so they display as the characters they name and must be masked as those.
CHARACTER_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));")


def _referenced(match: re.Match) -> str:
    code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    return chr(code) if 0 < code <= sys.maxunicode and not 0xD800 <= code <= 0xDFFF else match.group(0)


def _masked(value: Any, found: Counter) -> Any:
    if isinstance(value, str) and value.strip():
        redaction = redact(CHARACTER_REFERENCE.sub(_referenced, value))
        found.update(f.kind for f in redaction.findings)
        return redaction.text
    if isinstance(value, list):
        return [_masked(item, found) for item in value]
    if isinstance(value, dict):
        return _masked_fields(value, found)
    return value


def _masked_fields(fields: dict[str, Any], found: Counter) -> dict[str, Any]:
    return {key: value if key in STRUCTURAL else _masked(value, found) for key, value in fields.items()}


def masked_metadata(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """The record's data dict with the text of its fields, extras, tags and
    resources masked (unchanged when ``context[MASKED]``)."""
    if context.get(MASKED):
        return data_dict
    found: Counter = Counter()
    masked = _masked_fields(data_dict, found)
    if found:
        log.info("record %s: masked before storing: %s", data_dict.get("name") or data_dict.get("id") or "(new)",
                 uploads.report(found))
    return masked


ACTIONS = {"package_create": checked_before(masked_metadata), "package_update": checked_before(masked_metadata)}
