"""The masked document text of a record, for the search index.

Harvests publish each document's masked text as an ``original`` resource; the
index reads it back from storage, so a reindex needs nothing but the catalogue
and nothing unmasked ever reaches the index.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.lib.uploader import ResourceUpload


def document_text(pkg_dict: dict[str, Any]) -> str:
    """The masked text of an index document (CKAN's ``data_dict`` JSON inside)."""
    try:
        resources = json.loads(pkg_dict.get("data_dict") or "{}").get("resources", [])
    except ValueError:
        return ""
    return masked_text(resources)


def masked_text(resources: list[dict[str, Any]]) -> str:
    """The text of a dataset's ``original`` resources, up to the configured limit."""
    limit = tk.config.get("ckanext.seoulplaza.fulltext_limit")
    texts, size = [], 0
    for resource in resources:
        if resource.get("resource_role") != "original" or resource.get("url_type") != "upload" \
                or (resource.get("format") or "").upper() != "TXT":
            continue
        path = Path(ResourceUpload({}).get_path(resource["id"]))
        try:
            text = path.read_text(encoding="utf-8")[: limit - size]
        except OSError:
            continue
        texts.append(text)
        size += len(text)
        if size >= limit:
            break
    return "\n".join(texts)
