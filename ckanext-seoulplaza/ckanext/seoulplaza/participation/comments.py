"""Comments on records, on ckanext-comments, made fit for a public plaza.

- Only logged-in users write (threads, comments, edits, moderation), and only
  on records they may read; only records the caller may read have their thread
  read. A record the caller may not read is refused exactly like one that does
  not exist, so no thread is created and no name is confirmed.
- Authors are shown by display name only (``public_author``): a thread tells
  the public nothing else about the people in it.
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
from .access import as_caller, department_mailboxes, is_steward, logged_in_only, readable_record, user_obj
from .inputs import text

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


def _comment(data_dict: dict[str, Any]) -> Optional[Comment]:
    """The comment named by ``id`` (None if there is none, or the id is not text)."""
    comment_id = data_dict.get("id")
    return model.Session.get(Comment, comment_id) if isinstance(comment_id, str) and comment_id else None


def is_moderator(user: model.User, comment: Any, thread: Any) -> bool:
    """ckanext-comments' moderator check: the record's stewards and sysadmins."""
    thread = thread or (comment.thread if comment is not None else None)
    pkg = _subject_package(thread)
    return is_steward(user, pkg.owner_org if pkg else None) if pkg else bool(user and user.sysadmin)


# Actions


@tk.chained_action
def comment_create(next_action: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    tk.check_access("comments_comment_create", context, data_dict)
    pkg = _record(context, data_dict.get("subject_type", "package"), data_dict.get("subject_id"))
    user = user_obj(context)
    steward = is_steward(user, pkg.get("owner_org"))
    if not steward:
        ratelimit.check(user.id, "comment", tk._("comments"))
    content, masked = masked_counts(text(data_dict, "content"))
    extras: dict[str, Any] = {"masked": masked}
    parent = None
    if data_dict.get("reply_to_id"):
        parent = _comment({"id": data_dict["reply_to_id"]})
        if steward and parent is not None:
            extras.update(official=True, department=(pkg.get("organization") or {}).get("title", ""))
    data = dict(data_dict, subject_type="package", subject_id=pkg["id"], content=content,
                extras=json.dumps(extras), create_thread=True)
    comment = next_action(context, data)
    _notify(pkg, comment, parent, official=bool(extras.get("official")))
    return comment


@tk.chained_action
@tk.side_effect_free
def thread_show(next_action: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """ckanext-comments' thread, each comment's ``author`` cut down by ``public_author``."""
    thread = next_action(context, data_dict)
    viewer = user_obj(context)
    pending = list(thread.get("comments") or [])
    while pending:
        comment = pending.pop()
        pending.extend(comment.get("replies") or [])
        if comment.get("author"):
            comment["author"] = public_author(comment["author"], viewer)
    return thread


def public_author(author: dict[str, Any], viewer: Optional[model.User]) -> dict[str, Any]:
    """What a thread tells about a comment's author: to the author and sysadmins
    the whole user dict; to everyone else ``{"id", "display_name"}``, the name
    being the full name, else the first two letters of the user name and
    ``***`` (a thread must not become a list of login names)."""
    if viewer is not None and (viewer.sysadmin or viewer.id == author.get("id")):
        return author
    name = author.get("fullname") or f"{(author.get('name') or '')[:2]}***"
    return {"id": author.get("id"), "display_name": name}


@tk.chained_action
def comment_update(next_action: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    tk.check_access("comments_comment_update", context, data_dict)
    content, masked = masked_counts(text(data_dict, "content"))
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
    comment = _comment(data_dict)
    if comment is None:
        raise tk.ObjectNotFound(tk._("Comment not found"))
    reason = text(data_dict, "reason").strip()
    if not reason:
        raise tk.ValidationError({"reason": [tk._("Say why the comment is hidden")]})
    comment.state = HIDDEN
    comment.extras = {**(comment.extras or {}), "hidden": {
        "reason": reason, "by": user_obj(context).name, "at": dt.datetime.utcnow().isoformat(timespec="seconds")}}
    model.Session.commit()
    reindex_thread(comment.thread_id)
    return tk.get_action("comments_comment_show")(dict(context), {"id": comment.id})


# Auth


def _comment_record(data_dict: dict[str, Any]) -> tuple[Any, Any]:
    """(subject type, subject id) of the record a comment is on."""
    comment = _comment(data_dict)
    pkg = _subject_package(comment.thread) if comment is not None else None
    return ("package", pkg.id) if pkg is not None else (None, None)


def _new_on_record(data_dict: dict[str, Any]) -> tuple[Any, Any]:
    """(subject type, subject id) a thread or comment is to be created on."""
    return data_dict.get("subject_type", "package"), data_dict.get("subject_id")


def _writer_on_readable_record(subject: Any) -> Any:
    """Chained auth for writing: a logged-in user, on a record (``subject(data_dict)``
    gives its subject type and id) that the user may read; then the next auth.
    A record the user may not read is refused like a missing one."""
    @tk.chained_auth_function
    @logged_in_only
    def auth(next_auth: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
        if not _can_read_record(context, *subject(data_dict)):
            return {"success": False, "msg": tk._("Not authorized to see this record")}
        return next_auth(context, data_dict)
    return auth


thread_create_auth = _writer_on_readable_record(_new_on_record)
comment_create_auth = _writer_on_readable_record(_new_on_record)
comment_change_auth = _writer_on_readable_record(_comment_record)  # update, delete, approve


@tk.chained_auth_function
@logged_in_only
def logged_in_auth(next_auth: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """Chained auth for ckanext-comments' functions the plaza does not use
    (``reply_create``, ``thread_delete``): at least a logged-in user."""
    return next_auth(context, data_dict)


@tk.chained_auth_function
@tk.auth_allow_anonymous_access
def thread_show_auth(next_auth: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    if not _can_read_record(context, data_dict.get("subject_type"), data_dict.get("subject_id")):
        return {"success": False, "msg": tk._("Not authorized to see this record")}
    return next_auth(context, data_dict)


@tk.chained_auth_function
@tk.auth_allow_anonymous_access
def comment_show_auth(next_auth: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    comment = _comment(data_dict)
    if comment is None:
        raise tk.ObjectNotFound(tk._("Comment not found"))
    if not _can_read_record(context, *_comment_record(data_dict)):
        return {"success": False}
    user = user_obj(context)
    if comment.state == HIDDEN:
        return {"success": user is not None and (comment.is_authored_by(user.name) or
                                                 is_moderator(user, comment, comment.thread))}
    return next_auth(context, data_dict)


@logged_in_only
def comment_hide_auth(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    comment = _comment(data_dict)
    return {"success": comment is not None and is_moderator(user_obj(context), comment, comment.thread)}


def _can_read_record(context: dict[str, Any], subject_type: Any, subject_id: Any) -> bool:
    if subject_type != "package" or not isinstance(subject_id, str) or not subject_id:
        return False
    try:
        tk.check_access("package_show", as_caller(context), {"id": subject_id})
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return False
    return True


AUTH = {
    "comments_thread_show": thread_show_auth,
    "comments_thread_create": thread_create_auth,
    "comments_thread_delete": logged_in_auth,
    "comments_comment_create": comment_create_auth,
    "comments_reply_create": logged_in_auth,
    "comments_comment_show": comment_show_auth,
    "comments_comment_update": comment_change_auth,
    "comments_comment_delete": comment_change_auth,
    "comments_comment_approve": comment_change_auth,
    "seoulplaza_comment_hide": comment_hide_auth,
}


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
