"""What people type into the catalogue is masked before it is stored.

A harvest masks a record's metadata in its fetch stage; a steward creating or
editing a record by hand (the form, the API, ``package_patch``, every
``resource_*`` action, which all end in ``package_create`` or
``package_update``) typed the text straight into public pages, the API, the
search index, DCAT and the dumps. So did an organization's or group's
admin, a view's author and a user describing themself (a display name shows as
a comment's author: the name one chose to show stays, a phone beside it does not). Every string a caller gives these actions — at any depth:
extras, tags, resources — passes ``masking.redact`` first (with the recognizers its
field's name calls for, as a harvest: ``masking.columns.field_recognizers``), except the values
of ``IDENTIFIERS``: ids, references and stamps that CKAN or a fixed vocabulary
checks, which masking would leave alone and whose exact value other code
relies on (and, for a user, the login and its secrets: ``USER_ACCOUNT``).
What looks like a slug or a choice is still text someone typed (a resource's
or tag's ``name``, ``version``, ``format``, a ``url``'s query), so only this
allow-list is skipped. Numeric character references (``&#48;``), which the
markdown of a description shows as characters, are read as those characters.
What was masked is logged by kind.

A harvest's own calls say ``MASKED`` in their context and are not masked twice.
"""
from __future__ import annotations

import logging
import re
import sys
from collections import Counter
from typing import Any, Optional, Sequence

from masking import redact
from masking.columns import OTHER_THAN_NAMES, field_recognizers

from .. import uploads
from . import MASKED, checked_before

log = logging.getLogger(__name__)

# Keys whose value is an id, a reference, a stamp or a choice checked against
# a vocabulary: never text a person composes.
IDENTIFIERS = frozenset({
    "id", "owner_org", "package_id", "resource_id", "type", "url_type", "license_id", "state", "private",
    "position", "size", "created", "last_modified", "metadata_created", "metadata_modified",
    "cache_last_updated", "datastore_active", "creator_user_id", "view_type", "capacity", "upload",
    "clear_upload", "source_system", "disclosure_class", "nondisclosure_ground", "retention_period",
    "resource_role", "theme", "is_organization", "approval_status",
})
# A user's own account: the login and its secrets, which masking must not change.
USER_ACCOUNT = frozenset({"name", "email", "password", "password1", "password2", "old_password", "apikey",
                          "plugin_extras", "sysadmin", "reset_key"})
# Members listed on a group or organization: references to users, records and groups.
MEMBERS = frozenset({"users", "packages", "groups"})


# Numeric character references (&#48; &#x30;): CKAN renders descriptions as
# markdown, so they display as the characters they name and must be masked as those.
CHARACTER_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));")


def _referenced(match: re.Match) -> str:
    code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    return chr(code) if 0 < code <= sys.maxunicode and not 0xD800 <= code <= 0xDFFF else match.group(0)


def masked_strings(value: Any, found: Counter, recognizers: Optional[Sequence[Any]] = None) -> Any:
    """``value`` (a string, or lists and dicts of them at any depth) with every
    string masked by ``masking.redact`` (with ``recognizers``, default all;
    ``IDENTIFIERS`` keys of dicts kept); what was masked is counted by kind in
    ``found``."""
    if isinstance(value, str) and value.strip():
        redaction = redact(CHARACTER_REFERENCE.sub(_referenced, value), recognizers=recognizers)
        found.update(f.kind for f in redaction.findings)
        return redaction.text
    if isinstance(value, list):
        return [masked_strings(item, found) for item in value]
    if isinstance(value, dict):
        return _masked_fields(value, found, IDENTIFIERS)
    return value


def _masked_fields(fields: dict[str, Any], found: Counter, kept: frozenset[str]) -> dict[str, Any]:
    """Each field masked by what its name says it holds, as a harvest masks a record
    (``masking.columns.field_recognizers``: an ``official``'s name is kept, a place's
    address too; every recognizer for any other field)."""
    return {key: value if key in kept else masked_strings(value, found, field_recognizers(key))
            for key, value in fields.items()}


def masking(what: str, kept: frozenset[str] = IDENTIFIERS, own_name: Optional[str] = None) -> Any:
    """A chained action that masks every string of its data dict (``kept``
    keys aside at the top, ``IDENTIFIERS`` below) before the action stores it;
    ``what`` names the object in the log. ``own_name``: the key of the name a
    person chose to show for themself (a user's ``fullname``), masked by every
    recognizer but names'. Unchanged when ``context[MASKED]``."""
    def masked(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
        if context.get(MASKED):
            return data_dict
        found: Counter = Counter()
        result = _masked_fields(data_dict, found, kept | {own_name} if own_name else kept)
        if own_name in data_dict:
            result[own_name] = masked_strings(data_dict[own_name], found, OTHER_THAN_NAMES)
        if found:
            log.info("%s %s: masked before storing: %s", what, data_dict.get("name") or data_dict.get("id") or "(new)",
                     uploads.report(found))
        return result
    masked.__doc__ = f"The {what}'s data dict with every typed string masked."
    return checked_before(masked)


GROUPS = IDENTIFIERS | MEMBERS
ACTIONS = {
    "package_create": masking("record"), "package_update": masking("record"),
    "organization_create": masking("organization", GROUPS), "organization_update": masking("organization", GROUPS),
    "group_create": masking("group", GROUPS), "group_update": masking("group", GROUPS),
    "resource_view_create": masking("view"), "resource_view_update": masking("view"),
    "user_create": masking("user", IDENTIFIERS | USER_ACCOUNT, own_name="fullname"),
    "user_update": masking("user", IDENTIFIERS | USER_ACCOUNT, own_name="fullname"),
}
