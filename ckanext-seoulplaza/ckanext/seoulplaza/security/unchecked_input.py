"""Calls anyone can make that CKAN or ckanext-harvest answer with a 500,
answered in words instead (found by calling every action without parameters,
anonymously and as a plain user: ``tests/security/test_bad_input.py``).

* Actions that read a parameter without checking it is there (a KeyError,
  TypeError or failed assertion deep inside): a missing one is a
  ``ValidationError`` (409) naming it, before the action runs.
* ckanext-harvest's auth functions for sysadmin-only actions look the caller
  up and crash on the anonymous caller (``user_is_sysadmin`` raises an
  AttributeError): they are refused (403) without that look-up; sysadmins
  never reach an auth function.
* ckanext-harvest fills its action and auth registries with every function
  of its modules through one shared dict (``_get_logic_functions``' mutable
  default argument), so which is which depends on which CKAN builds first:
  its mail helpers (``send_mail`` …) or auth helpers became API actions, and
  ``harvest_log_list`` its own auth function (an endless recursion for any
  logged-in user). ``configure`` gives it one registry each, of its
  ``harvest…`` functions only; harvest logs are for sysadmins.
"""
from __future__ import annotations

import functools
from typing import Any, Callable

import ckan.plugins as p
import ckan.plugins.toolkit as tk

# The parameters each action needs and reads unchecked.
REQUIRED = {
    "group_autocomplete": ("q",),
    "organization_autocomplete": ("q",),
    "group_member_create": ("id", "username", "role"),
    "organization_member_create": ("id", "username", "role"),
    "group_member_delete": ("id", "username"),
    "organization_member_delete": ("id", "username"),
    "task_status_update_many": ("data",),
    "user_invite": ("email", "group_id", "role"),
}
DATASTORE_REQUIRED = {"datastore_run_triggers": ("resource_id",)}
HARVEST_REQUIRED = {
    "harvest_source_show_status": ("id",),
    "harvest_source_clear": ("id",),
    "harvest_source_delete": ("id",),
    "harvest_source_index_clear": ("id",),
    "harvest_source_job_history_clear": ("id",),
    "harvest_job_create": ("source_id",),
    "harvest_abort_failed_jobs": ("life_span",),
}
# Those of them that are reads, open to GET (a chained action does not inherit it).
READS = {"group_autocomplete", "organization_autocomplete", "harvest_source_show_status"}
# ckanext-harvest's sysadmin-only auth functions (harvest_job_abort: "as harvest_jobs_run").
HARVEST_SYSADMIN_ONLY = ("harvest_job_create_all", "harvest_jobs_run", "harvest_job_abort",
                         "harvest_objects_import", "harvest_sources_clear", "harvest_sources_reindex")


def configure() -> None:
    """Give ckanext-harvest one registry of actions and one of auth functions,
    each of its own ``harvest…`` functions (idempotent)."""
    if not p.plugin_loaded("harvest"):
        return
    from ckanext.harvest import plugin as harvest_plugin
    collect = harvest_plugin._get_logic_functions
    if getattr(collect, "seoulplaza", False):
        return

    @functools.wraps(collect)
    def own_functions(module_root: str, logic_functions: Any = None) -> dict[str, Any]:
        return {name: function for name, function in collect(module_root, {}).items() if name.startswith("harvest")}

    own_functions.seoulplaza = True
    harvest_plugin._get_logic_functions = own_functions


def requiring(names: tuple[str, ...], read: bool = False) -> Callable[..., Any]:
    """A chained action that refuses a call lacking any of ``names``
    (``read``: open to GET, as the action it chains).

    :raises tk.ValidationError: (409) ``{name: ["Missing value: …"]}`` for each one missing
    """
    @tk.chained_action
    def checked(next_action: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> Any:
        missing = [name for name in names if data_dict.get(name) in (None, "", [], {})]
        if missing:
            raise tk.ValidationError({name: [tk._("Missing value: this action needs it")] for name in missing})
        return next_action(context, data_dict)
    return tk.side_effect_free(checked) if read else checked


@tk.auth_allow_anonymous_access
def sysadmins_only(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """Refuse whoever reaches it (sysadmins pass before any auth function)."""
    return {"success": False, "msg": tk._("Only sysadmins may do this")}


@tk.chained_auth_function
@tk.auth_allow_anonymous_access
def instead_sysadmins_only(next_auth: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    return sysadmins_only(context, data_dict)


def ACTIONS() -> dict[str, Any]:
    required = dict(REQUIRED)
    if p.plugin_loaded("datastore"):
        required.update(DATASTORE_REQUIRED)
    if p.plugin_loaded("harvest"):
        required.update(HARVEST_REQUIRED)
    return {name: requiring(params, name in READS) for name, params in required.items()}


def AUTH() -> dict[str, Any]:
    if not p.plugin_loaded("harvest"):
        return {}
    return {**dict.fromkeys(HARVEST_SYSADMIN_ONLY, instead_sysadmins_only), "harvest_log_list": sysadmins_only}
