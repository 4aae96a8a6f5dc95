"""Names of things in the reader's language (Korean first, English second)."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.scheming.helpers import scheming_get_dataset_schema, scheming_language_text

from .reference import GROUND_WORDS, THEME_EN, THEMES


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


def english_reader() -> bool:
    return reader_language().startswith("en")


def choice_label(dataset_type: str, field_name: str, value: Any) -> str:
    """A choice field's value (공개구분 ``부분공개``) as its schema labels it in the
    reader's language (Partially public); the value itself when the schema has no such choice."""
    schema = scheming_get_dataset_schema(dataset_type) or {}
    for field in schema.get("dataset_fields", []):
        if field["field_name"] == field_name:
            for choice in field.get("choices") or []:
                if choice["value"] == value:
                    return schema_text(choice.get("label", value))
    return "" if value is None else str(value)


def site_title() -> str:
    """The portal's name in the reader's language: ``ckan.site_title`` (Korean),
    ``ckanext.seoulplaza.site_title_en`` on English pages."""
    english = english_reader() and tk.config.get("ckanext.seoulplaza.site_title_en")
    return english or tk.config.get("ckan.site_title")


def site_description() -> str:
    """The portal's one-line description in the reader's language (as ``site_title``)."""
    english = english_reader() and tk.config.get("ckanext.seoulplaza.site_description_en")
    return english or tk.config.get("ckan.site_description") or ""


def theme_title(group: dict[str, Any]) -> str:
    """A theme group's name in the reader's language (건강 / Health); any other group's title."""
    name = group.get("name")
    if name in THEMES:
        return THEME_EN[name] if english_reader() else THEMES[name]
    return group.get("display_name") or group.get("title") or name or ""


def ground_in_words(ground: Any, english: bool = False) -> str:
    """A ground for withholding (``"7"``) in words: "공공기관의 정보공개에 관한 법률 제9조 제1항
    제7호: 법인·단체 …" (or its English); "" for none, the value as given when unknown."""
    if ground in (None, ""):
        return ""
    words = GROUND_WORDS.get(str(ground))
    if words is None:
        return str(ground)
    if english:
        return f"Official Information Disclosure Act, Art. 9(1)({ground}): {words[1]}"
    return f"공공기관의 정보공개에 관한 법률 제9조 제1항 제{ground}호: {words[0]}"


def column_type(pg_type: str) -> str:
    """A DataStore column's PostgreSQL type (``int4``, ``numeric``, ``timestamp``,
    ``_text`` for an array …) in words in the reader's language (정수, 숫자, 날짜·시각, 문자 목록);
    an unknown type as given."""
    words = {
        "text": tk._("Text"), "varchar": tk._("Text"), "name": tk._("Text"),
        "int": tk._("Whole number"), "int2": tk._("Whole number"), "int4": tk._("Whole number"),
        "int8": tk._("Whole number"), "integer": tk._("Whole number"), "bigint": tk._("Whole number"),
        "numeric": tk._("Number"), "float4": tk._("Number"), "float8": tk._("Number"),
        "date": tk._("Date"), "timestamp": tk._("Date and time"), "timestamptz": tk._("Date and time"),
        "time": tk._("Time of day"), "bool": tk._("True or false"), "boolean": tk._("True or false"),
        "json": tk._("Structured data (JSON)"), "jsonb": tk._("Structured data (JSON)"),
    }
    if pg_type.startswith("_"):
        return tk._("List of {kind}").format(kind=words.get(pg_type[1:], pg_type[1:]))
    return words.get(pg_type, pg_type)
