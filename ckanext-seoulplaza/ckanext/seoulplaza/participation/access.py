"""Who answers for a record: its department's stewards and mailbox."""
from __future__ import annotations

import functools
from typing import Any, Callable, Optional

import ckan.authz as authz
import ckan.plugins.toolkit as tk
from ckan import model

STEWARD_ROLES = ("admin", "editor")


def request_context() -> dict[str, Any]:
    """An action context for the user of the current web request (or anonymous)."""
    user = tk.current_user
    return {"user": user.name, "auth_user_obj": user} if user.is_authenticated else {"user": "", "auth_user_obj": None}


def as_caller(context: dict[str, Any]) -> dict[str, Any]:
    """A fresh context for the same user: a nested call checks that user's rights
    (never the caller's ``ignore_auth``) and shares none of its state."""
    return {"user": context.get("user"), "auth_user_obj": context.get("auth_user_obj")}


def readable_record(context: dict[str, Any], package_id: Any) -> dict[str, Any]:
    """The record as the caller may see it. :raises tk.ObjectNotFound: alike
    for a record that does not exist and one the caller may not read, so the
    answer confirms no name and no id."""
    try:
        return tk.get_action("package_show")(as_caller(context), {"id": package_id})
    except (tk.NotAuthorized, tk.ObjectNotFound):
        raise tk.ObjectNotFound(tk._("Record not found")) from None


def user_obj(context: dict[str, Any]) -> Optional[model.User]:
    """The logged-in user the context acts for, or None for an anonymous caller.

    Decided by CKAN's own test (``authz.auth_is_anon_user``: no user name in the
    context), never by the truthiness of ``auth_user_obj``: the API puts CKAN's
    AnonymousUser there, a truthy object with an empty name."""
    if authz.auth_is_anon_user(context):
        return None
    found = context.get("auth_user_obj")
    if not isinstance(found, model.User) or found.name != context["user"]:
        found = model.User.get(context["user"])
    return found if found is not None and found.is_active else None


def logged_in_only(auth: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
    """An auth function that refuses anonymous callers before it runs (CKAN's
    own guard for such functions trusts ``auth_user_obj``, which the API sets
    to a truthy anonymous user)."""
    @functools.wraps(auth)
    def checked(*args: Any) -> dict[str, Any]:
        context = args[-2]  # (context, data_dict), after next_auth for a chained function
        if user_obj(context) is None:
            return {"success": False, "msg": tk._("Log in to take part")}
        return auth(*args)
    return checked


def is_steward(user: Optional[model.User], owner_org: Optional[str]) -> bool:
    """A sysadmin, or an editor/admin of the organization that owns the record."""
    if user is None or not getattr(user, "id", None):
        return False
    if user.sysadmin:
        return True
    return bool(owner_org) and authz.users_role_for_group_or_org(owner_org, user.name) in STEWARD_ROLES


def steward_orgs(user: model.User) -> list[str]:
    """Ids of the organizations the user is an editor or admin of."""
    rows = (model.Session.query(model.Member.group_id)
            .filter(model.Member.table_name == "user", model.Member.table_id == user.id,
                    model.Member.state == "active", model.Member.capacity.in_(STEWARD_ROLES)))
    return [r.group_id for r in rows]


def department_mailboxes(owner_org: Optional[str]) -> list[tuple[str, str]]:
    """(name, address) pairs for a department: its ``contact_email`` extra, else
    its editors' and admins' addresses, else the plaza's desk, which forwards."""
    org = model.Group.get(owner_org) if owner_org else None
    if org is not None:
        contact = (org.extras or {}).get("contact_email")
        if contact:
            return [(org.title, contact)]
        members = (model.Session.query(model.User)
                   .join(model.Member, model.Member.table_id == model.User.id)
                   .filter(model.Member.group_id == org.id, model.Member.table_name == "user",
                           model.Member.state == "active", model.Member.capacity.in_(STEWARD_ROLES),
                           model.User.state == "active", model.User.email.isnot(None)))
        found = [(u.fullname or u.name, u.email) for u in members if u.email]
        if found:
            return found
    desk = tk.config.get("ckanext.seoulplaza.participation.desk_email")
    return [(tk.config.get("ckan.site_title") or "Seoul Plaza", desk)] if desk else []
