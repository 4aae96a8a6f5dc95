"""Citizen participation: comments with official answers (ckanext-comments),
문의하기 forwarded to 응답소, and 정보공개청구 with its legal lifecycle.

Tables come from the plugin's migration (``ckan db upgrade -p seoulplaza``);
mail goes through an outbox and CKAN's mailer."""
from __future__ import annotations

from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from . import actions, comments


def get_actions() -> dict[str, Any]:
    found = dict(actions.ACTIONS)
    if p.plugin_loaded("comments"):
        found.update({"comments_comment_create": comments.comment_create,
                      "comments_comment_update": comments.comment_update,
                      "comments_thread_show": comments.thread_show,
                      "seoulplaza_comment_hide": comments.comment_hide})
    return found


def get_auth_functions() -> dict[str, Any]:
    found = dict(actions.AUTH)
    if p.plugin_loaded("comments"):
        found.update(comments.AUTH)
    return found


def get_signal_subscriptions() -> dict[Any, list[Any]]:
    """A record's search text includes its comments: reindex it when they change.
    (Subscribed whatever the plugin order: the signals only fire with ckanext-comments.)"""
    return {tk.signals.ckanext.signal(f"comments:{event}"): [comments.reindex_thread]
            for event in ("created", "approved", "updated", "deleted")}


def index_text(package_id: str) -> str:
    return comments.published_text(package_id) if p.plugin_loaded("comments") else ""
