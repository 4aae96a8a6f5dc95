"""Names of things in the reader's language (Korean first, English second)."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from ckanext.scheming.helpers import scheming_get_dataset_schema, scheming_language_text


def reader_language() -> str:
    """The request's language, or the site's default outside a request (a script, a job)."""
    try:
        return tk.h.lang() or tk.config.get("ckan.locale_default")
    except RuntimeError:
        return tk.config.get("ckan.locale_default")


def type_label(dataset_type: str) -> str:
    """The information type's name (결재문서 / Approval documents)."""
    label = (scheming_get_dataset_schema(dataset_type) or {}).get("type_label")
    if not label:
        return dataset_type
    return scheming_language_text(label, prefer_lang=reader_language())
