"""Search and list parameters people type or edit in the address bar, which
CKAN and ckanext-dcat answered with a 500, answered with results or in words.

* ``sort`` with an empty key — a trailing, leading or doubled comma
  (``title_string asc,``), or only spaces: CKAN's dataset list (every
  information type, every language) and the organization and group lists
  index the first word of each comma-separated key (an IndexError). Empty
  keys are dropped where the parameter enters (the page's query string, and
  ``sort``/``order_by`` of ``group_list``/``organization_list`` from any
  caller); what remains is sorted by, or refused by CKAN in words.
* ``_<facet>_limit`` (how many of a facet's values to show) on the
  organization and group pages, and ``limit`` on the user list, which CKAN
  reads with ``int()``: a 400 naming the parameter when it is no whole number
  (as CKAN's dataset list already answers).
* ``group_list``/``organization_list`` flags (``all_fields``, ``include_…``)
  that are no yes/no (CKAN's ``asbool`` raised): a 409 naming the flag.
* ckanext-dcat's actions (``dcat_catalog_search``, ``dcat_catalog_show``,
  ``dcat_dataset_show``) with an unknown ``profiles`` or ``format``: a 409
  naming it (the catalog pages answered so already; the API a 500).
* ckanext-dcat's catalog (``/catalog.*``, ``dcat_catalog_search``) writes
  its page links (hydra) with ``q``/``fq`` as typed: a space or a quote made
  an invalid URI, which Turtle refuses (a 500 for ``q=청년수당: 업무추진비``;
  upstream ckan/ckanext-dcat#223). The links are written URL-encoded.
* A search the index refuses (``SearchQueryError``: a malformed ``q``/``fq``/
  ``sort``) or a query parser CKAN forbids in a parameter, escaping a page
  that does not catch it (ckanext-dcat's ``/catalog.xml|ttl|rdf|jsonld``):
  a 400 naming the problem (JSON on the API, the error page elsewhere).
"""
from __future__ import annotations

import functools
from typing import Any, Optional
from urllib.parse import urlencode

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.lib.search.common import SearchError, SearchQueryError
from flask import jsonify, request
from werkzeug.datastructures import ImmutableMultiDict

from . import checked_before

# CKAN's own refusals of a query parser in a parameter (ckan.lib.search.query:
# ``_check_query_parser``) are SearchErrors; any other SearchError is the index
# failing, which stays a server error.
_PARSER_REFUSALS = ("Magic fields are not supported", "Query parsers are not supported",
                    "Local parameters must be defined", "Local parameters are not supported")


def without_empty_keys(sort: Any) -> Optional[str]:
    """``sort`` (``"field dir, field dir"``) without its empty keys; None when
    none is left; anything but a string as it is (the action refuses it)."""
    if not isinstance(sort, str):
        return sort
    keys = [key.strip() for key in sort.split(",") if key.strip()]
    return ", ".join(keys) or None


def clean_sort_argument() -> None:
    """before_request: the query string's ``sort`` without empty keys, for
    every view that reads it (dropped when nothing is left)."""
    values = request.args.getlist("sort")
    if not values or all(without_empty_keys(v) == v for v in values):
        return
    items = [(key, without_empty_keys(value) if key == "sort" else value)
             for key, value in request.args.items(multi=True)]
    request.args = ImmutableMultiDict([(k, v) for k, v in items if v is not None])


def whole_number_limits() -> Any:
    """before_request on the pages: a 400 naming a ``_<facet>_limit`` (or the
    user list's ``limit``) that is no whole number."""
    if request.path.startswith("/api/"):
        return None
    names = [name for name in request.args if name.startswith("_") and name.endswith("_limit")]
    if request.endpoint == "user.index":
        names.append("limit")
    for name in names:
        value = request.args.get(name)
        try:
            int(value) if value is not None else None
        except ValueError:
            return tk.abort(400, tk._('"{parameter}" must be a whole number').format(parameter=name))
    return None


# group_list's and organization_list's yes/no parameters.
LIST_FLAGS = ("all_fields", "include_dataset_count", "include_extras", "include_tags", "include_groups",
              "include_users", "include_member_count")


def readable_list_parameters(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """``sort`` and ``order_by`` without empty keys (absent when none is left:
    the configured default order).

    :raises tk.ValidationError: naming each of ``LIST_FLAGS`` that is no yes/no
    """
    wrong = {}
    for name in LIST_FLAGS:
        try:
            tk.asbool(data_dict.get(name))
        except ValueError:
            wrong[name] = [tk._("Must be true or false")]
    if wrong:
        raise tk.ValidationError(wrong)
    cleaned = dict(data_dict)
    for name in ("sort", "order_by"):
        if name in cleaned:
            value = without_empty_keys(cleaned[name])
            if value is None:
                del cleaned[name]
            else:
                cleaned[name] = value
    return cleaned


def refused_search(error: SearchError) -> Any:
    """A search refused for its parameters, escaping a view: a 400 naming the
    problem; any other SearchError (the index failing) stays a 500."""
    if not isinstance(error, SearchQueryError) and not str(error).startswith(_PARSER_REFUSALS):
        raise error
    message = tk._("Invalid search query: {error_message}").format(error_message=str(error))
    if request.path.startswith("/api/"):
        return jsonify({"success": False, "error": {"__type": "Search Query Error", "message": message}}), 400
    return tk.render("error_document_template.html", {"code": 400, "content": message, "name": "Bad Request"}), 400


# The request parameters ckanext-dcat carries into its page links, and the links.
CATALOG_PAGE_PARAMETERS = ("modified_since", "profiles", "q", "fq")
CATALOG_PAGES = ("current", "first", "last", "previous", "next")


def encoded_page_links(pagination_info: dict[str, Any]) -> dict[str, Any]:
    """ckanext-dcat's ``pagination_info`` with each page link's query rebuilt
    URL-encoded from the request (each link ends in ``page=<n>``)."""
    carried = [(k, v) for k, v in tk.request.args.items(multi=True) if k in CATALOG_PAGE_PARAMETERS]
    for key in CATALOG_PAGES:
        if key in pagination_info:
            base, _, query = str(pagination_info[key]).partition("?")
            page = query.rsplit("page=", 1)[-1]
            pagination_info[key] = f"{base}?{urlencode(carried + [('page', page)])}"
    return pagination_info


def configure() -> None:
    """Make ckanext-dcat's page links URL-encoded (idempotent)."""
    if not p.plugin_loaded("dcat"):
        return
    from ckanext.dcat import logic
    original = logic._pagination_info
    if getattr(original, "seoulplaza", False):
        return

    @functools.wraps(original)
    def pagination_info(query: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
        return encoded_page_links(original(query, data_dict))

    pagination_info.seoulplaza = True
    logic._pagination_info = pagination_info


def install(app: Any) -> None:
    app.before_request(clean_sort_argument)
    app.before_request(whole_number_limits)
    app.register_error_handler(SearchError, refused_search)


@tk.chained_action
def dcat_in_words(next_action: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> Any:
    """A ckanext-dcat action whose ``profiles`` or ``format`` it cannot use.

    :raises tk.ValidationError: (409) naming ``profiles`` or ``format``
    """
    from ckanext.dcat.exceptions import RDFProfileException
    from rdflib.plugin import PluginException
    try:
        return next_action(context, data_dict)
    except RDFProfileException as error:
        raise tk.ValidationError({"profiles": [str(error)]})
    except PluginException:
        raise tk.ValidationError({"format": [tk._('Unknown format "{format}": use one of {formats}').format(
            format=data_dict.get("format"), formats="rdf, xml, ttl, n3, jsonld")]})


def ACTIONS() -> dict[str, Any]:
    found = {name: tk.side_effect_free(checked_before(readable_list_parameters))
             for name in ("group_list", "organization_list")}
    if p.plugin_loaded("dcat"):
        found.update(dict.fromkeys(("dcat_catalog_search", "dcat_catalog_show", "dcat_dataset_show"),
                                   tk.side_effect_free(dcat_in_words)))
    return found
