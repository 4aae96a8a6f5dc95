"""Calls anyone can make that CKAN or ckanext-harvest answer with a 500,
answered in words instead (found by calling every action without parameters,
anonymously and as a plain user: ``tests/security/test_bad_input.py``).

* A NUL character anywhere in a request (path, parameters, form, JSON),
  which PostgreSQL cannot store or compare (a 500 from every action that
  looks the value up): a 400 naming the parameter, for every page and action.
* A parameter that names one thing (``id``, ``resource_id``, ``offset`` …)
  given twice or as JSON list or object, or a paging number past
  PostgreSQL's integer: a 400 naming it, for every action.
* Actions that read a parameter without checking it is there (a KeyError,
  TypeError or failed assertion deep inside): a missing one is a
  ``ValidationError`` (409) naming it, before the action runs.
* ckanext-activity's ``activity_show`` auth reads ``include_data`` unchecked.
* The login form's ``remember`` (seconds) that is not a number: a 400.
* CKAN's DataStore searches its internal ``_table_metadata`` without an auth
  check (its audit then fails): internal tables are not found.
* CKAN's collaborator and ``api_token_create`` auth functions assert a user
  and a record that exist: those are checked first (403/404 in words).
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
from ckan import model
from flask import jsonify, request

from ..participation.access import user_obj

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


# Parameters that name one thing (a record, a resource, a user, a page of
# results) in any action: a list or an object there (a query parameter given
# twice, or JSON) reached model look-ups and SQL as is.
SCALARS = ("id", "name", "resource_id", "package_id", "subject_id", "subject_type", "user", "offset", "limit",
           "start", "rows", "page")
# Paging of CKAN's own lists (activity, members …): a number past PostgreSQL's
# integer reached SQL as is. (The DataStore's paging is bigint and checked by
# datastore_limits; package_search caps rows and checks start itself.)
PAGING = ("offset", "limit")
PAGING_MAX = 2**31 - 1


def refuse_lists_for_scalars() -> Any:
    """before_request on the Action API: a 400 naming a one-value parameter
    given as a list or an object."""
    if not request.path.startswith("/api/") or "/action/" not in request.path:
        return None
    data: Any = request.args.to_dict(flat=False) if request.method == "GET" else \
        (request.get_json(silent=True) if request.is_json else request.form.to_dict(flat=False))
    if not isinstance(data, dict):
        return None
    for name in SCALARS:
        value = data.get(name)
        if isinstance(value, dict) or (isinstance(value, list) and (len(value) > 1 or request.is_json)):
            return _refused(name, tk._('"{parameter}" takes one value').format(parameter=name))
        value = value[0] if isinstance(value, list) else value
        if name in PAGING and "/action/datastore_" not in request.path and _past_paging_range(value):
            return _refused(name, tk._('"{parameter}" must be a whole number up to {maximum}').format(
                parameter=name, maximum=PAGING_MAX))
    return None


NUL = "\x00"


def _holding_nul(value: Any) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, list):
        return any(_holding_nul(item) for item in value)
    if isinstance(value, dict):
        return any(_holding_nul(key) or _holding_nul(item) for key, item in value.items())
    return False


def refuse_nul_characters() -> Any:
    """before_request: a 400 naming the first parameter (or the path) that
    holds a NUL character; JSON for the Action API, a page elsewhere."""
    named: list[tuple[str, Any]] = [("path", request.path)]
    named += [(key, request.args.getlist(key)) for key in request.args]
    if request.method != "GET":
        named += [(key, request.form.getlist(key)) for key in request.form]
        body = request.get_json(silent=True) if request.is_json else None
        named += list(body.items()) if isinstance(body, dict) else [("body", body)]
    name = next((key for key, value in named if _holding_nul(key) or _holding_nul(value)), None)
    if name is None:
        return None
    name = name.replace(NUL, "\\0")
    message = tk._('"{parameter}" holds a NUL character, which no text may hold').format(parameter=name)
    if request.path.startswith("/api/"):
        return _refused(name, message)
    return tk.abort(400, message)


def _past_paging_range(value: Any) -> bool:
    try:
        return abs(int(str(value).strip())) > PAGING_MAX
    except ValueError:
        return False  # not a number: the action's own validators say so


def _refused(name: str, message: str) -> Any:
    return jsonify({"success": False, "error": {"__type": "Validation Error", name: [message]}}), 400


def refuse_a_remember_that_is_no_number() -> Any:
    """before_request on the login form: CKAN reads ``remember`` as seconds
    (``int()``, a 500 for anything else); its own form sends 63072000."""
    remember = request.form.get("remember") if request.method == "POST" and request.endpoint == "user.login" else None
    if remember and not remember.strip().isdigit():
        return tk.abort(400, tk._('"{parameter}" must be a number of seconds').format(parameter="remember"))
    return None


def install(app: Any) -> None:
    app.before_request(refuse_nul_characters)
    app.before_request(refuse_lists_for_scalars)
    app.before_request(refuse_a_remember_that_is_no_number)


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


@tk.chained_auth_function
@tk.auth_allow_anonymous_access
def with_user_and_record(next_auth: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """CKAN's collaborator auth functions assert a logged-in user and an existing
    record (a 500 otherwise): both are checked first, in words."""
    if user_obj(context) is None:
        return {"success": False, "msg": tk._("Log in first")}
    reference = data_dict.get("id")
    if not isinstance(reference, str) or model.Package.get(reference) is None:
        raise tk.ObjectNotFound(tk._("Record not found"))
    return next_auth(context, data_dict)


@tk.chained_auth_function
def token_for_a_user(next_auth: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """CKAN's ``api_token_create`` auth asserts the named user exists."""
    user = data_dict.get("user")
    if not isinstance(user, str) or model.User.get(user) is None:
        return {"success": False, "msg": tk._("Not authorized to create tokens for this user")}
    return next_auth(context, data_dict)


@tk.chained_auth_function
@tk.auth_allow_anonymous_access
def activity_show(next_auth: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """ckanext-activity's auth reads ``include_data`` unchecked; it is optional."""
    return next_auth(context, {**data_dict, "include_data": data_dict.get("include_data", False)})


COLLABORATORS = ("package_collaborator_list", "package_collaborator_create", "package_collaborator_delete")


@tk.chained_action
@tk.side_effect_free
def datastore_search(next_action: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> Any:
    """CKAN's DataStore lets ``_table_metadata`` (every table's name, private
    ones included) be searched without an auth check, which its own audit then
    turns into a 500: internal tables are not resources, so not found."""
    resource_id = data_dict.get("resource_id")
    if isinstance(resource_id, str) and resource_id.startswith("_"):
        raise tk.ObjectNotFound(tk._("Resource not found"))
    return next_action(context, data_dict)


def ACTIONS() -> dict[str, Any]:
    required = dict(REQUIRED)
    if p.plugin_loaded("datastore"):
        required.update(DATASTORE_REQUIRED)
    if p.plugin_loaded("harvest"):
        required.update(HARVEST_REQUIRED)
    found = {name: requiring(params, name in READS) for name, params in required.items()}
    return {**found, "datastore_search": datastore_search} if p.plugin_loaded("datastore") else found


def AUTH() -> dict[str, Any]:
    found = {**dict.fromkeys(COLLABORATORS, with_user_and_record), "api_token_create": token_for_a_user}
    if p.plugin_loaded("activity"):
        found["activity_show"] = activity_show
    if not p.plugin_loaded("harvest"):
        return found
    return {**found, **dict.fromkeys(HARVEST_SYSADMIN_ONLY, instead_sysadmins_only),
            "harvest_log_list": sysadmins_only}
