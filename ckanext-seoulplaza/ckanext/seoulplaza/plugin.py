"""The Seoul Plaza plugin: schema validators and helpers, facets, indexing, CLI."""
from __future__ import annotations

import re
from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from .fulltext import document_text
from .helpers import seoulplaza_type_label
from .themes import sync_theme_group

# What citizens narrow a search by, in this order (Korean first: the UI's primary language).
FACETS = {
    "dataset_type": "유형",
    "organization": "기관",
    "theme": "분야",
    "production_year": "생산연도",
    "disclosure_class": "공개구분",
    "tags": "키워드",
    "res_format": "형식",
    "license_id": "이용조건",
}
_PLAIN_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@tk.blanket.config_declarations
@tk.blanket.cli
@tk.blanket.helpers
@tk.blanket.validators
class SeoulplazaPlugin(p.SingletonPlugin):
    p.implements(p.IFacets, inherit=True)
    p.implements(p.IPackageController, inherit=True)
    p.implements(p.IAuthFunctions)

    # IAuthFunctions

    def get_auth_functions(self) -> dict[str, Any]:
        return {"harvest_object_show": harvest_object_show} if p.plugin_loaded("harvest") else {}

    # IFacets

    def dataset_facets(self, facets_dict: dict[str, Any], package_type: str) -> dict[str, Any]:
        return dict(FACETS)

    # IPackageController

    def before_dataset_index(self, pkg_dict: dict[str, Any]) -> dict[str, Any]:
        """Index the production year (for the year facet), write plain dates
        as Solr dates (CKAN's Solr schema types every ``*_date`` field as a
        date) and add the masked text of the record's documents."""
        produced = pkg_dict.get("production_date")
        if isinstance(produced, str) and produced[:4].isdigit():
            pkg_dict["production_year"] = produced[:4]
        for key, value in list(pkg_dict.items()):
            if key.endswith("_date") and isinstance(value, str) and _PLAIN_DATE.fullmatch(value):
                pkg_dict[key] = f"{value}T00:00:00Z"
        text = document_text(pkg_dict)
        if text:
            pkg_dict["text"] = text
        return pkg_dict

    def after_dataset_create(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        sync_theme_group(pkg_dict["id"], pkg_dict.get("theme"))

    def after_dataset_update(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        sync_theme_group(pkg_dict["id"], pkg_dict.get("theme"))

    def after_dataset_search(self, search_results: dict[str, Any], search_params: dict[str, Any]) -> dict[str, Any]:
        """Show information types by their names (결재문서), not their URL slugs."""
        facet = search_results.get("search_facets", {}).get("dataset_type")
        for item in (facet or {}).get("items", []):
            item["display_name"] = seoulplaza_type_label(item["name"])
        return search_results


@tk.chained_auth_function
def harvest_object_show(next_auth: Any, context: Any, data_dict: Any) -> dict[str, Any]:
    """ckanext-harvest lets anyone read a harvest object; ours hold only masked
    records, but what the source sent is the stewards' business: sysadmins only."""
    return {"success": False, "msg": "harvest objects are for sysadmins"}
