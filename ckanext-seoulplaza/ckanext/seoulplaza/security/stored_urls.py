"""URLs users store in the catalogue: what they may be, and who sees them.

Resource links are rendered as links on every page and API answer, so they
are http, https or ftp (no ``javascript:`` or ``data:`` link to click).

A harvest source is the stewards' plumbing, a CKAN dataset of type
``harvest`` (ckanext-harvest):

* its URL is http(s) with a host (no ``javascript:``, ``file:``, user-info);
  a configured source system's address only for that system's harvester, and
  only by a sysadmin (they are the city's own systems), and
  no other loopback, private or link-local address (checked here for a clear
  early error, and again on every connection by ``outbound``);
* it is always private to its organization, so CKAN's own checks keep it,
  with its URL and configuration, out of every anonymous or outside search,
  page and API answer;
* the listings ckanext-harvest opens to everyone are narrowed: sources to the
  organizations' stewards, harvest objects to sysadmins (as their content).

Both rules sit on ``package_create`` and ``package_update``, which every path
meets (``resource_create|update|patch`` and ``harvest_source_create|update``
call them).
"""
from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan import model
from requests_hardened.ip_filter import InvalidIPAddress, get_ip_address

from ..participation.access import steward_orgs, user_obj
from . import checked_before, outbound


def _is_harvest_source(context: dict[str, Any], data_dict: dict[str, Any]) -> bool:
    if data_dict.get("type") == "harvest" or data_dict.get("source_type"):
        return True
    existing = model.Package.get(data_dict.get("id") or data_dict.get("name") or "")
    return existing is not None and existing.type == "harvest"


def _checked_source(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """The source's data dict, private; :raises tk.ValidationError: its URL."""
    url = str(data_dict.get("url") or "").strip()
    source_type = data_dict.get("source_type")
    outbound.check_harvest_source(source_type, url)
    if outbound.trusted_for(source_type or "", url):
        if not context.get("ignore_auth") and not getattr(user_obj(context), "sysadmin", False):
            raise tk.ValidationError({"url": [tk._("{url}: the city's source systems are registered by sysadmins")
                                              .format(url=url)]})
    else:
        parts = urlsplit(url)
        try:
            get_ip_address(parts.hostname or "", parts.port or 443, allow_loopback=False)
        except InvalidIPAddress:
            raise tk.ValidationError({"url": [str(outbound.URLNotAllowed(url))]}) from None
        except (OSError, UnicodeError):
            pass  # unresolvable now: the harvest will say so when it runs
    return dict(data_dict, private=True)


LINK_SCHEMES = ("http", "https", "ftp")


def check_resource_links(data_dict: dict[str, Any]) -> None:
    """:raises tk.ValidationError: a resource's link has another scheme (a file
    name, as uploads have, has none)."""
    errors = []
    for resource in data_dict.get("resources") or []:
        url = str((resource or {}).get("url") or "").strip() if isinstance(resource, dict) else ""
        scheme = urlsplit(url).scheme.lower()
        errors.append({"url": [tk._("{url}: not allowed (links are http, https or ftp)").format(url=url)]}
                      if scheme and scheme not in LINK_SCHEMES else {})
    if any(errors):
        raise tk.ValidationError({"resources": errors})


def _checked(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """Resource links are http, https or ftp; a harvest source's URL is checked
    and the source made private (see the module's docstring)."""
    check_resource_links(data_dict)
    return _checked_source(context, data_dict) if _is_harvest_source(context, data_dict) else data_dict


package_create, package_update = checked_before(_checked), checked_before(_checked)


@tk.chained_action
@tk.side_effect_free
def harvest_source_list_action(next_action: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> Any:
    """ckanext-harvest's listing checks no access at all: check it."""
    tk.check_access("harvest_source_list", context, data_dict)
    return next_action(context, data_dict)


@tk.chained_auth_function
@tk.auth_allow_anonymous_access
def harvest_source_list(next_auth: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    user = user_obj(context)
    if user is None or not (user.sysadmin or steward_orgs(user)):
        return {"success": False, "msg": tk._("Harvest sources are for the organizations' stewards")}
    return next_auth(context, data_dict)


@tk.chained_auth_function
@tk.auth_allow_anonymous_access
def harvest_object_list(next_auth: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    return {"success": False, "msg": tk._("Harvest objects are for sysadmins")}


@tk.chained_auth_function
def harvest_job_list(next_auth: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """ckanext-harvest reads ``source_id`` unchecked (a 500 without it)."""
    if not data_dict.get("source_id"):  # sysadmins, who may list every job, pass before this
        return {"success": False, "msg": tk._("Give source_id: the harvest source whose jobs to list")}
    return next_auth(context, data_dict)


def ACTIONS() -> dict[str, Any]:
    found = {"package_create": package_create, "package_update": package_update}
    return {**found, "harvest_source_list": harvest_source_list_action} if p.plugin_loaded("harvest") else found


def AUTH() -> dict[str, Any]:
    return {"harvest_source_list": harvest_source_list, "harvest_object_list": harvest_object_list,
            "harvest_job_list": harvest_job_list} if p.plugin_loaded("harvest") else {}
