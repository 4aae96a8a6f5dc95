"""The people behind accounts are not public: who has an account, their names,
profiles, activity and memberships are shown only to those who need them.

CKAN shows all of it to anyone by default, and its switch
(``ckan.auth.public_user_details = false``) only stops anonymous callers,
while anyone may register on the plaza. So, whatever that option says:

- ``user_list`` (the ``/user`` page): sysadmins;
- ``user_autocomplete``: sysadmins and organization admins (adding members);
- ``user_show`` (``/user/<name>``, and through it ``user_activity_list`` and
  ``/user/activity/<name>``): the user themself, sysadmins, and the admins of
  an organization the user belongs to; refused alike whether or not the
  account exists, so nobody learns which names are taken from it;
- ``member_list`` (users) and the ``users`` of ``group_show`` /
  ``organization_show``: the group's own members and sysadmins; everyone else
  gets the group without its member list.

Comment threads show their authors by display name only
(``participation.comments.public_author``).
"""
from __future__ import annotations

from typing import Any

import ckan.authz as authz
import ckan.plugins.toolkit as tk
from ckan import model
from flask import jsonify, request

from ..participation.access import user_obj


def _admin_of_any_group(user: model.User) -> bool:
    return model.Session.query(model.Member).filter(
        model.Member.table_name == "user", model.Member.table_id == user.id, model.Member.state == "active",
        model.Member.capacity == "admin").first() is not None


def _administers_a_group_of(admin: model.User, target: model.User) -> bool:
    """Whether ``admin`` is an admin of some group or organization ``target`` is a member of."""
    groups = [m.group_id for m in model.Session.query(model.Member.group_id).filter(
        model.Member.table_name == "user", model.Member.table_id == target.id, model.Member.state == "active")]
    return any(authz.has_user_permission_for_group_or_org(group_id, admin.name, "membership")
               for group_id in groups)


def _may_see_members(context: dict[str, Any], group_ref: Any) -> bool:
    user = user_obj(context)
    if user is None:
        return False
    group = model.Group.get(group_ref) if isinstance(group_ref, str) else None
    return user.sysadmin or (group is not None and
                             authz.has_user_permission_for_group_or_org(group.id, user.name, "read"))


@tk.chained_auth_function
@tk.auth_allow_anonymous_access
def user_list(next_auth: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    # sysadmins pass before auth functions run; nobody else lists every account
    return {"success": False, "msg": tk._("Not authorized to see users")}


@tk.chained_auth_function
@tk.auth_allow_anonymous_access
def user_autocomplete(next_auth: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    user = user_obj(context)
    if user is None or not _admin_of_any_group(user):
        return {"success": False, "msg": tk._("Not authorized to see users")}
    return {"success": True}  # CKAN's own defers to user_list, which is for sysadmins here


@tk.chained_auth_function
@tk.auth_allow_anonymous_access
def user_show(next_auth: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    user = user_obj(context)
    ref = data_dict.get("id")
    target = model.User.get(ref) if isinstance(ref, str) and ref else None
    if user is None or target is None or not (user.id == target.id or _administers_a_group_of(user, target)):
        return {"success": False, "msg": tk._("Not authorized to see users")}
    return next_auth(context, data_dict)


@tk.chained_auth_function
@tk.auth_allow_anonymous_access
def member_list(next_auth: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    if data_dict.get("object_type") != "package" and not _may_see_members(context, data_dict.get("id")):
        return {"success": False, "msg": tk._("Not authorized to see users")}
    return next_auth(context, data_dict)


def _without_members_unless_allowed(next_action: Any, context: dict[str, Any],
                                    data_dict: dict[str, Any]) -> dict[str, Any]:
    if not context.get("ignore_auth") and not _may_see_members(context, data_dict.get("id")):
        data_dict = dict(data_dict, include_users=False)
    return next_action(context, data_dict)


@tk.chained_action
@tk.side_effect_free
def group_show(next_action: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    return _without_members_unless_allowed(next_action, context, data_dict)


@tk.chained_action
@tk.side_effect_free
def organization_show(next_action: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    return _without_members_unless_allowed(next_action, context, data_dict)


def answer_not_authorized(error: tk.NotAuthorized) -> Any:
    """A view that lets CKAN's NotAuthorized escape (CKAN's ``/api/2/util/user/autocomplete``
    does) answers 403 in words, not 500."""
    message = tk._("Not authorized to see users") if not str(error) else str(error)
    if request.path.startswith("/api/"):
        return jsonify({"success": False, "error": {"__type": "Authorization Error", "message": message}}), 403
    return tk.render("error_document_template.html", {"code": 403, "content": message, "name": "Forbidden"}), 403


def install(app: Any) -> None:
    app.register_error_handler(tk.NotAuthorized, answer_not_authorized)


AUTH = {"user_list": user_list, "user_autocomplete": user_autocomplete, "user_show": user_show,
        "member_list": member_list}
ACTIONS = {"group_show": group_show, "organization_show": organization_show}
