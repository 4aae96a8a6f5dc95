"""The Seoul Plaza plugin: schema validators and helpers, facets, indexing,
the plaza's pages and templates, Korean translations, CLI."""
from __future__ import annotations

import re
from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ckan.lib.plugins import DefaultTranslation
from ckanext.xloader.interfaces import IXloader

from . import datastore_fulltext, dcat, nfc, participation, security, table_load, tables, views
from .agencies import lineage, tree_positions
from .security import datastore_limits, withheld
from .fulltext import document_text
from .labels import type_label
from .themes import sync_theme_group
from .uploads import mask_or_refuse

# What citizens narrow a search by, in this order (Korean first: the UI's primary language).
FACETS = {
    "dataset_type": "유형",
    "agency": "기관",
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
class SeoulplazaPlugin(p.SingletonPlugin, DefaultTranslation):
    p.implements(p.IConfigurer)
    p.implements(p.IBlueprint)
    p.implements(p.ITranslation)
    p.implements(p.IFacets, inherit=True)
    p.implements(p.IPackageController, inherit=True)
    p.implements(p.IAuthFunctions)
    p.implements(p.IActions)
    p.implements(p.IConfigurable)
    p.implements(p.IResourceController, inherit=True)
    p.implements(IXloader, inherit=True)
    p.implements(p.ISignal)
    p.implements(p.IMiddleware, inherit=True)

    # IConfigurable

    def configure(self, config: Any) -> None:
        if p.plugin_loaded("datastore"):
            datastore_fulltext.install()
        if p.plugin_loaded("xloader"):
            table_load.install()
        security.configure()

    # IConfigurer

    def update_config(self, config: Any) -> None:
        tk.add_template_directory(config, "templates")
        tk.add_public_directory(config, "public")
        # CKAN's Gravatar images would hand every logged-in citizen's e-mail hash to
        # gravatar.com on each page (over http, which the pages' CSP refuses): its placeholder.
        config["ckan.gravatar_default"] = "disabled"

    # IMiddleware

    def make_middleware(self, app: Any, config: Any) -> Any:
        return nfc.install(security.install(app)) if hasattr(app, "before_request") else app

    # IBlueprint

    def get_blueprint(self) -> Any:
        return views.blueprint()

    # IAuthFunctions

    def get_auth_functions(self) -> dict[str, Any]:
        own = {"harvest_object_show": harvest_object_show} if p.plugin_loaded("harvest") else {}
        return security.merged(own, participation.get_auth_functions(), security.get_auth_functions())

    # IActions

    def get_actions(self) -> dict[str, Any]:
        own = {}
        if p.plugin_loaded("scheming_datasets"):
            own["scheming_dataset_schema_show"] = dcat.scheming_dataset_schema_show
        if p.plugin_loaded("datastore"):
            own["datastore_search"] = datastore_search
        return security.merged(own, participation.get_actions(), security.get_actions())

    # ISignal

    def get_signal_subscriptions(self) -> dict[Any, list[Any]]:
        return participation.get_signal_subscriptions()

    # IResourceController

    def before_resource_create(self, context: Any, resource: dict[str, Any]) -> None:
        mask_or_refuse(resource)

    def before_resource_update(self, context: Any, current: dict[str, Any], resource: dict[str, Any]) -> None:
        mask_or_refuse(resource, current)

    # IXloader

    def datastore_before_update(self, resource_id: str, existing_fields: Any, new_headers: list[dict[str, Any]]) -> None:
        table_load.label_columns(new_headers)

    # IFacets

    def dataset_facets(self, facets_dict: dict[str, Any], package_type: str) -> dict[str, Any]:
        return dict(FACETS)

    # IPackageController

    def before_dataset_index(self, pkg_dict: dict[str, Any]) -> dict[str, Any]:
        """Index the production year (for the year facet) and the agency with
        its ancestors (for the agency facet: a department's records count and
        are found under every agency above it), write plain dates as Solr
        dates (CKAN's Solr schema types every ``*_date`` field as a date) and
        add the masked text of the record's documents and its visible comments."""
        produced = pkg_dict.get("production_date")
        if isinstance(produced, str) and produced[:4].isdigit():
            pkg_dict["production_year"] = produced[:4]
        if pkg_dict.get("owner_org"):
            pkg_dict["agency"] = lineage(pkg_dict["owner_org"])
        for key, value in list(pkg_dict.items()):
            if key.endswith("_date") and isinstance(value, str) and _PLAIN_DATE.fullmatch(value):
                pkg_dict[key] = f"{value}T00:00:00Z"
        text = "\n".join(t for t in (document_text(pkg_dict), participation.index_text(pkg_dict["id"])) if t)
        if text:
            pkg_dict["text"] = text
        return pkg_dict

    def after_dataset_show(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        withheld.hide_documents(context, pkg_dict)

    def after_dataset_create(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        sync_theme_group(pkg_dict["id"], pkg_dict.get("theme"))

    def after_dataset_update(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        sync_theme_group(pkg_dict["id"], pkg_dict.get("theme"))

    def after_dataset_search(self, search_results: dict[str, Any], search_params: dict[str, Any]) -> dict[str, Any]:
        """Show information types and agencies by their names (결재문서,
        기획조정실), not their URL slugs; agencies carry their depth in the tree."""
        facets = search_results.get("search_facets", {})
        for item in facets.get("dataset_type", {}).get("items", []):
            item["display_name"] = type_label(item["name"])
        agency_items = facets.get("agency", {}).get("items", [])
        positions = tree_positions([item["name"] for item in agency_items]) if agency_items else {}
        for item in agency_items:
            position = positions.get(item["name"], {"title": item["name"], "path": [item["name"]]})
            item["display_name"] = position["title"]
            item["path"] = position["path"]
            item["depth"] = len(position["path"]) - 1
        return search_results


@tk.chained_action
@tk.side_effect_free
def datastore_search(next_action: Any, context: Any, data_dict: dict[str, Any]) -> dict[str, Any]:
    """DataStore search that also takes the columns' Korean labels (부서명) for ids,
    finds Korean words and parts of words (datastore_fulltext.py, also for
    what a visitor types into the table preview), bounded in time and failing
    in words (security/datastore_limits.py)."""
    typed = datastore_fulltext.typed_in_preview()

    def search(context: Any, data_dict: dict[str, Any]) -> dict[str, Any]:
        searched = datastore_fulltext.korean_search(data_dict, typed, prefixes=typed is not None)
        return next_action(context, tables.with_column_ids(context, searched))
    # The shape is bounded as the caller sent it (a q's length as typed), then searched.
    return datastore_limits.bounded_search(search, context, data_dict)


@tk.chained_auth_function
def harvest_object_show(next_auth: Any, context: Any, data_dict: Any) -> dict[str, Any]:
    """ckanext-harvest lets anyone read a harvest object; ours hold only masked
    records, but what the source sent is the stewards' business: sysadmins only."""
    return {"success": False, "msg": "harvest objects are for sysadmins"}
