"""Template helpers (exported by the plugin's blanket: every public function here)."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.scheming.helpers import scheming_get_dataset_schema, scheming_language_text

from .reference import CITY_WIDE, DISTRICTS, THEME_EN, THEMES


def seoulplaza_theme_choices(field: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"value": title, "label": {"ko_KR": title, "en": THEME_EN[name]}} for name, title in THEMES.items()]


def seoulplaza_district_choices(field: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"value": d, "label": d} for d in (CITY_WIDE, *DISTRICTS)]


def seoulplaza_type_label(dataset_type: str) -> str:
    """The information type's name in the reader's language (결재문서 / Approval documents)."""
    label = (scheming_get_dataset_schema(dataset_type) or {}).get("type_label")
    if not label:
        return dataset_type
    try:
        return scheming_language_text(label)
    except RuntimeError:  # no request (a script, a job): the site's default language
        return scheming_language_text(label, prefer_lang=tk.config.get("ckan.locale_default"))
