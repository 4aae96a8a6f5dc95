"""Comments on records, on ckanext-comments, made fit for a public plaza.

- Only records the user may read can be commented on or have their thread read.
- Every comment is masked (``masking.redact``) before it is stored, so pages,
  API and search only ever see the masked text; what was masked is counted by
  kind in the comment's extras and shown to its author.
- Comments are published at once (post-moderation); the record's stewards (its
  organization's editors and admins) and sysadmins moderate: they can hide a
  comment (state ``hidden``: gone for everyone but its author and the
  moderators) and restore it with ckanext-comments' approve.
- A steward's reply is the department's official answer.
- A new comment is mailed to the department; an official answer to the
  citizen it answers.
- Posting is rate-limited per user.
"""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any, Optional

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib.search import rebuild
from ckanext.comments.model import Comment, Thread

from masking import redact
from masking.recognizers import LABELS

from . import outbox, ratelimit
from .access import as_caller, department_mailboxes, is_steward, readable_record, user_obj

HIDDEN = "hidden"


def masked_counts(text: str) -> tuple[str, dict[str, int]]:
    """The text with personal information replaced, and how much of each kind."""
    redaction = redact(text)
    return redaction.text, dict(Counter(LABELS.get(f.kind, "개인정보") for f in redaction.findings))


def _record(context: dict[str, Any], subject_type: Any, subject_id: Any) -> dict[str, Any]:
    if subject_type != "package":
        raise tk.ValidationError({"subject_type": [tk._("Comments are on records (subject_type package)")]})
    return readable_record(context, subject_id)


def _subject_package(thread: Optional[Thread]) -> Optional[model.Package]:
    subject = thread.get_subject() if thread is not None else None
    return subject if isinstance(subject, model.Package) else None


def is_moderator(user: model.User, comment: Any, thread: Any) -> bool:
    """ckanext-comments' moderator check: the record's stewards and sysadmins."""
    thread = thread or (comment.thread if comment is not None else None)
    pkg = _subject_package(thread)
    return is_steward(user, pkg.owner_org if pkg else None) if pkg else bool(user and user.sysadmin)


# Actions


@tk.chained_action
def comment_create(next_action: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    pkg = _record(context, data_dict.get("subject_type", "package"), data_dict.get("subject_id"))
    user = user_obj(context)
    steward = is_steward(user, pkg.get("owner_org"))
    if not steward and user is not None:
        ratelimit.check(user.id, "comment", tk._("comments"))
    content, masked = masked_counts(str(data_dict.get("content") or ""))
    extras: dict[str, Any] = {"masked": masked}
    parent = None
    if data_dict.get("reply_to_id"):
        parent = model.Session.get(Comment, data_dict["reply_to_id"])
        if steward and parent is not None:
            extras.update(official=True, department=(pkg.get("organization") or {}).get("title", ""))
    data = dict(data_dict, subject_type="package", subject_id=pkg["id"], content=content,
                extras=json.dumps(extras), create_thread=True)
    comment = next_action(context, data)
    _notify(pkg, comment, parent, official=bool(extras.get("official")))
    return comment


@tk.chained_action
def comment_update(next_action: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    content, masked = masked_counts(str(data_dict.get("content") or ""))
    result = next_action(context, dict(data_dict, content=content))
    comment = model.Session.get(Comment, result["id"])
    comment.extras = {**(comment.extras or {}), "masked": masked}
    model.Session.commit()
    return dict(result, extras=comment.extras)


def comment_hide(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """Hide a comment from everyone but its author and the moderators.

    :param id: the comment
    :param reason: why (shown to the author)
    Restore it with ``comments_comment_approve``."""
    tk.check_access("seoulplaza_comment_hide", context, data_dict)
    comment = model.Session.get(Comment, tk.get_or_bust(data_dict, "id"))
    reason = (data_dict.get("reason") or "").strip()
    if not reason:
        raise tk.ValidationError({"reason": [tk._("Say why the comment is hidden")]})
    user = user_obj(context)
    comment.state = HIDDEN
    comment.extras = {**(comment.extras or {}), "hidden": {
        "reason": reason, "by": user.name if user else "", "at": dt.datetime.utcnow().isoformat(timespec="seconds")}}
    model.Session.commit()
    reindex_thread(comment.thread_id)
    return tk.get_action("comments_comment_show")(dict(context), {"id": comment.id})


# Auth


@tk.chained_auth_function
@tk.auth_allow_anonymous_access
def thread_show_auth(next_auth: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    if not _can_read_record(context, data_dict.get("subject_type"), data_dict.get("subject_id")):
        return {"success": False, "msg": tk._("Not authorized to see this record")}
    return next_auth(context, data_dict)


@tk.chained_auth_function
def comment_create_auth(next_auth: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    if not context.get("auth_user_obj") and not context.get("user"):
        return {"success": False, "msg": tk._("Log in to comment")}
    if not _can_read_record(context, data_dict.get("subject_type", "package"), data_dict.get("subject_id")):
        return {"success": False, "msg": tk._("Not authorized to see this record")}
    return next_auth(context, data_dict)


@tk.chained_auth_function
@tk.auth_allow_anonymous_access
def comment_show_auth(next_auth: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    comment = model.Session.get(Comment, data_dict.get("id") or "")
    if comment is None:
        raise tk.ObjectNotFound(tk._("Comment not found"))
    pkg = _subject_package(comment.thread)
    if pkg is None or not _can_read_record(context, "package", pkg.id):
        return {"success": False}
    user = user_obj(context)
    if comment.state == HIDDEN:
        return {"success": comment.is_authored_by(context.get("user") or "") or
                (user is not None and is_moderator(user, comment, comment.thread))}
    return next_auth(context, data_dict)


def comment_hide_auth(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    comment = model.Session.get(Comment, data_dict.get("id") or "")
    user = user_obj(context)
    return {"success": comment is not None and user is not None and is_moderator(user, comment, comment.thread)}


def _can_read_record(context: dict[str, Any], subject_type: Any, subject_id: Any) -> bool:
    if subject_type != "package":
        return False
    try:
        tk.check_access("package_show", as_caller(context), {"id": subject_id})
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return False
    return True


# Notices, search


def _notify(pkg: dict[str, Any], comment: dict[str, Any], parent: Optional[Comment], official: bool) -> None:
    site = tk.config.get("ckan.site_url").rstrip("/")
    link = f"{site}/{pkg['type']}/{pkg['name']}#comment-{comment['id']}"
    if official and parent is not None and parent.user is not None and parent.user.email:
        citizen = parent.user
        outbox.queue([(citizen.fullname or citizen.name, citizen.email)],
                     f"[서울 정보소통광장] 공식 답변: {pkg['title']}",
                     f"{citizen.fullname or citizen.name}님이 남기신 댓글에 담당 부서의 공식 답변이 등록되었습니다.\n\n"
                     f"{comment['content']}\n\n{link}", topic="comment-answered")
    elif not official:
        author = model.User.get(comment["author_id"])
        outbox.queue(department_mailboxes(pkg.get("owner_org")), f"[새 댓글] {pkg['title']}",
                     f"{pkg.get('department') or ''} 담당자께,\n\n기록 「{pkg['title']}」"
                     f"(문서번호 {pkg.get('document_number') or '-'})에 시민 댓글이 달렸습니다.\n"
                     f"작성자: {author.display_name if author else '-'}\n\n{comment['content']}\n\n"
                     f"공식 답변 달기: {link}", topic="comment-created")
    model.Session.commit()


def reindex_thread(thread_id: str, **_: Any) -> None:
    """Reindex the commented record (its comments are part of its search text)."""
    pkg = _subject_package(model.Session.get(Thread, thread_id))
    if pkg is not None:
        rebuild(pkg.id)


def published_text(package_id: str) -> str:
    """The record's visible comments, for the search index."""
    rows = (model.Session.query(Comment.content).join(Thread, Comment.thread_id == Thread.id)
            .filter(Thread.subject_type == "package", Thread.subject_id == package_id,
                    Comment.state == Comment.State.approved)
            .order_by(Comment.created_at))
    return "\n".join(r.content for r in rows)
