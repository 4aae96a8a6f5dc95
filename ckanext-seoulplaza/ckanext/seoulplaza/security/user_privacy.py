"""The people behind accounts are not public: who has an account, their names,
profiles, activity and memberships are shown only to those who need them.

CKAN shows all of it to anyone by default, and its switch
(``ckan.auth.public_user_details = false``) only stops anonymous callers,
while anyone may register on the plaza. So, whatever that option says:

- ``user_list`` (the ``/user`` page): sysadmins;
- ``user_autocomplete``: sysadmins and organization admins (adding members);
- ``user_show`` (``/user/<name>``, and through it ``user_activity_list`` and
  ``/user/activity/<name>``), and every action that tells about one account
  (its organizations — which show a sysadmin —, followers, followees,
  collaborations: ``ABOUT_ONE_USER``): the user themself, sysadmins, and the
  admins of an organization the user belongs to; refused alike whether or not
  the account exists, so nobody learns which names are taken from it;
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


def _may_see_user(context: dict[str, Any], ref: Any) -> bool:
    """Whether the caller may learn about the account ``ref`` (a name or id):
    it is theirs, or they administer a group it belongs to. False alike for
    an account that does not exist."""
    user = user_obj(context)
    target = model.User.get(ref) if isinstance(ref, str) and ref else None
    return user is not None and target is not None and (user.id == target.id or _administers_a_group_of(user, target))


def _about_one_user(default_to_caller: bool) -> Any:
    """Chained auth for an action about the account in ``id`` (or, where the
    action allows, the caller's own when ``id`` is missing)."""
    @tk.chained_auth_function
    @tk.auth_allow_anonymous_access
    def auth(next_auth: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
        user = user_obj(context)
        ref = data_dict.get("id") or (user.name if default_to_caller and user is not None else None)
        if not _may_see_user(context, ref):
            return {"success": False, "msg": tk._("Not authorized to see users")}
        return next_auth(context, data_dict)
    return auth


user_show = _about_one_user(default_to_caller=False)
# Actions that tell who an account is, follows or works with: its organizations
# (and so whether it is a sysadmin), its followers and followees, its collaborations.
ABOUT_ONE_USER = {"organization_list_for_user": True, "package_collaborator_list_for_user": False,
                  "user_follower_count": False, "user_followee_count": False, "user_followee_list": False,
                  "followee_count": False, "followee_list": False, "am_following_user": False,
                  "user_follower_list": False}


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
        "member_list": member_list,
        **{name: _about_one_user(default_to_caller) for name, default_to_caller in ABOUT_ONE_USER.items()}}
def _access_first(name: str, read: bool = True) -> Any:
    """A chained action that checks its auth before the action looks the
    account up (CKAN's answer 404 for a missing one and 403 for another's)."""
    @tk.chained_action
    def action(next_action: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> Any:
        tk.check_access(name, context, data_dict)
        return next_action(context, data_dict)
    return tk.side_effect_free(action) if read else action


ACTIONS = {"group_show": group_show, "organization_show": organization_show,
           **{name: _access_first(name) for name in ABOUT_ONE_USER}}
