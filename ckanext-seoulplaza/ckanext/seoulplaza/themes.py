"""The 12 themes as CKAN groups; a dataset's ``theme`` field decides its theme group.

Membership is written here rather than through ``groups`` in the dataset
dict because CKAN only lets group members add datasets to a group: a
department's steward choosing 복지 must still land the record in /group/welfare.
"""
from __future__ import annotations

from typing import Optional

import ckan.plugins.toolkit as tk
from ckan import model

from .reference import THEME_EN, THEME_GROUP, THEMES


def ensure_theme_groups(context: dict) -> int:
    """Create the missing theme groups (and drop the bilingual description older
    ones carry); returns how many were created."""
    created = 0
    for name, title in THEMES.items():
        group = model.Group.get(name)
        if group is None:
            tk.get_action("group_create")(dict(context), {"name": name, "title": title})
            created += 1
        elif group.description == f"{title} ({THEME_EN[name]})":
            # themes made before took "건강 (Health)" as their description: the pages name
            # a theme in the reader's language (labels.theme_title), so it is dropped.
            tk.get_action("group_patch")(dict(context), {"id": name, "description": ""})
    return created


def sync_theme_group(package_id: str, theme: Optional[str]) -> None:
    """Make the dataset a member of its theme's group and of no other theme group
    (in the caller's transaction, so the index sees the membership)."""
    wanted = THEME_GROUP.get(theme or "")
    present = False
    members = (model.Session.query(model.Member).join(model.Group, model.Group.id == model.Member.group_id)
               .filter(model.Member.table_name == "package", model.Member.table_id == package_id,
                       model.Member.state == "active", model.Group.name.in_(list(THEMES))))
    for member in members:
        if member.group.name == wanted:
            present = True
        else:
            member.state = "deleted"
    group = model.Group.get(wanted) if wanted and not present else None
    if group is not None:
        model.Session.add(model.Member(table_name="package", table_id=package_id, group=group,
                                       capacity="public", state="active"))
