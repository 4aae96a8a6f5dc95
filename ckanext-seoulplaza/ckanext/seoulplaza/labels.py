"""Names of things in the reader's language (Korean first, English second)."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.scheming.helpers import scheming_get_dataset_schema, scheming_language_text


def reader_language() -> str:
    """The request's language, or the site's default outside a request (a script, a job)."""
    try:
        return tk.h.lang() or tk.config.get("ckan.locale_default")
    except RuntimeError:
        return tk.config.get("ckan.locale_default")


def schema_text(value: Any) -> str:
    """A schema label ({ko_KR: …, en: …} or plain) in the reader's language."""
    if isinstance(value, dict):
        return scheming_language_text(value, prefer_lang=reader_language())
    return str(value or "")


def type_label(dataset_type: str) -> str:
    """The information type's name (결재문서 / Approval documents)."""
    label = (scheming_get_dataset_schema(dataset_type) or {}).get("type_label")
    return schema_text(label) if label else dataset_type
