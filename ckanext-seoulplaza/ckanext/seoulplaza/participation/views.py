"""The participation pages: comment, hide and restore on a record, 문의하기,
정보공개청구 (form, the request with its timeline and the steps, the stewards'
queue, 정보공개청구현황) and the citizen's dashboard tab. Forms post to these
views, which call the API actions, so pages and API obey the same rules.
Every page that acts or shows a person's own requests is ``login_required``:
an anonymous visitor is sent to log in and comes back."""
from __future__ import annotations

import functools
from typing import Any, Callable

import ckan.plugins.toolkit as tk
from ckan.common import current_user
from flask import Blueprint, request

from . import disclosure, petitions
from .access import request_context

STEPS = {"extend": ("seoulplaza_disclosure_request_extend", ("reason",)),
         "decide": ("seoulplaza_disclosure_request_decide", ("decision", "grounds", "note")),
         "object": ("seoulplaza_disclosure_request_object", ("text",)),
         "decide-objection": ("seoulplaza_disclosure_request_decide_objection", ("upheld", "note")),
         "withdraw": ("seoulplaza_disclosure_request_withdraw", ())}


def _login_first() -> Any:
    tk.h.flash_notice(tk._("Log in to take part"))
    return tk.redirect_to(tk.url_for("user.login", came_from=request.full_path))


def login_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """The view for logged-in users; anyone else is sent to the login page."""
    @functools.wraps(view)
    def checked(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_authenticated:
            return _login_first()
        return view(*args, **kwargs)
    return checked


def _errors(error: tk.ValidationError) -> str:
    return " ".join(" ".join(map(str, v)) if isinstance(v, list) else str(v) for v in error.error_dict.values())


def _record_url(pkg_id: str, anchor: str = "") -> str:
    pkg = tk.get_action("package_show")(request_context(), {"id": pkg_id})
    return tk.url_for(f"{pkg['type']}.read", id=pkg["name"]) + (f"#{anchor}" if anchor else "")


@login_required
def comment(id: str) -> Any:
    try:
        made = tk.get_action("comments_comment_create")(request_context(), {
            "subject_type": "package", "subject_id": id, "content": request.form.get("content", ""),
            "reply_to_id": request.form.get("reply_to_id") or None})
    except tk.ValidationError as error:
        tk.h.flash_error(_errors(error))
        return tk.redirect_to(_record_url(id, "comments"))
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return tk.abort(404, tk._("Record not found"))
    masked = (made.get("extras") or {}).get("masked") or {}
    if masked:
        tk.h.flash_notice(tk._("Personal information was masked before your comment was published: {}").format(
            ", ".join(f"{kind} {n}" for kind, n in masked.items())))
    else:
        tk.h.flash_success(tk._("Your comment is published"))
    return tk.redirect_to(_record_url(id, f"comment-{made['id']}"))


@login_required
def moderate(id: str, comment_id: str, step: str) -> Any:
    action, data = (("seoulplaza_comment_hide", {"id": comment_id, "reason": request.form.get("reason", "")})
                    if step == "hide" else ("comments_comment_approve", {"id": comment_id}))
    try:
        tk.get_action(action)(request_context(), data)
    except tk.ValidationError as error:
        tk.h.flash_error(_errors(error))
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return tk.abort(403, tk._("Only the record's stewards moderate its comments"))
    return tk.redirect_to(_record_url(id, f"comment-{comment_id}"))


@login_required
def ask(id: str) -> Any:
    try:
        tk.get_action("seoulplaza_petition_create")(request_context(), {
            "package_id": id, **{k: request.form.get(k, "") for k in ("kind", "title", "body")}})
    except tk.ValidationError as error:
        tk.h.flash_error(_errors(error))
        return tk.redirect_to(_record_url(id, "ask"))
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return tk.abort(404, tk._("Record not found"))
    tk.h.flash_success(tk._("Sent to 응답소. You can follow it under My requests."))
    return tk.redirect_to(tk.url_for("seoulplaza.my_participation"))


def request_new() -> Any:
    """The 정보공개청구 form for a record, prefilled; a guide when not logged in."""
    ref = request.values.get("record", "")
    try:
        pkg = tk.get_action("package_show")(request_context(), {"id": ref}) if ref else None
    except (tk.ObjectNotFound, tk.NotAuthorized):
        return tk.abort(404, tk._("Record not found"))
    errors = {}
    if request.method == "POST":
        if not current_user.is_authenticated:
            return _login_first()
        try:
            made = tk.get_action("seoulplaza_disclosure_request_create")(request_context(), {
                "package_id": pkg["id"] if pkg else "", "content": request.form.get("content", ""),
                "method": request.form.get("method", "")})
        except tk.ValidationError as error:
            errors = error.error_dict
        else:
            tk.h.flash_success(tk._("Your request is received. The decision is due by {}.").format(made["due_on"]))
            return tk.redirect_to(tk.url_for("seoulplaza.request_read", id=made["id"]))
    return tk.render("seoulplaza/participation/request_new.html", {
        "pkg": pkg, "prefill": disclosure.prefill(pkg) if pkg else {}, "requestable": bool(pkg and disclosure.requestable(pkg)),
        "methods": disclosure.METHODS, "errors": errors, "form": request.form})


@login_required
def request_read(id: str) -> Any:
    try:
        found = tk.get_action("seoulplaza_disclosure_request_show")(request_context(), {"id": id})
    except (tk.ObjectNotFound, tk.NotAuthorized):
        return tk.abort(404, tk._("Request not found"))
    request_row = disclosure.get(id)
    manager = tk.h.check_access("seoulplaza_disclosure_request_manage", {"id": id})
    requester = request_row.user_id == current_user.id
    return tk.render("seoulplaza/participation/request_read.html", {
        "req": found, "manager": manager, "requester": requester,
        "decisions": disclosure.DECISIONS, "grounds": disclosure.GROUNDS,
        "undecided": found["status"] in disclosure.UNDECIDED})


@login_required
def request_step(id: str, step: str) -> Any:
    if step not in STEPS:
        return tk.abort(404)
    action, fields = STEPS[step]
    data = {"id": id, **{f: request.form.get(f, "") for f in fields}}
    if step == "decide":
        data["grounds"] = request.form.getlist("grounds")
    try:
        tk.get_action(action)(request_context(), data)
    except tk.ValidationError as error:
        tk.h.flash_error(_errors(error))
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return tk.abort(403, tk._("Not allowed"))
    return tk.redirect_to(tk.url_for("seoulplaza.request_read", id=id))


@login_required
def request_manage() -> Any:
    found = tk.get_action("seoulplaza_disclosure_request_list")(request_context(), {"manage": True})
    return tk.render("seoulplaza/participation/request_manage.html", {"requests": found})


def request_stats() -> Any:
    try:
        found = tk.get_action("seoulplaza_disclosure_request_stats")(request_context(), {
            "year": request.args.get("year")})
    except tk.ValidationError as error:
        return tk.abort(400, _errors(error))
    return tk.render("seoulplaza/participation/request_stats.html", {"stats": found})


def ask_guide() -> str:
    """문의하기 in the main navigation: where and how to ask (on a record's page,
    or at 응답소), with the citizen's own questions when logged in."""
    return tk.render("seoulplaza/participation/ask.html", {})


@login_required
def my_participation() -> Any:
    context = request_context()
    return tk.render("seoulplaza/participation/dashboard.html", {
        "user_dict": tk.get_action("user_show")(context, {"id": current_user.id}),
        "petitions": tk.get_action("seoulplaza_petition_list")(context, {}),
        "requests": tk.get_action("seoulplaza_disclosure_request_list")(context, {}),
        "answered": petitions.ANSWERED})


def register(plaza: Blueprint) -> None:
    plaza.add_url_rule("/record/<id>/comments", view_func=comment, methods=["POST"])
    plaza.add_url_rule("/record/<id>/comments/<comment_id>/<any(hide, restore):step>", view_func=moderate,
                       methods=["POST"])
    plaza.add_url_rule("/record/<id>/ask", view_func=ask, methods=["POST"])
    plaza.add_url_rule("/disclosure-request", endpoint="disclosure_request", view_func=request_new,
                       methods=["GET", "POST"])
    plaza.add_url_rule("/disclosure-request/manage", view_func=request_manage)
    plaza.add_url_rule("/disclosure-request/stats", view_func=request_stats)
    plaza.add_url_rule("/disclosure-request/<id>", view_func=request_read)
    plaza.add_url_rule("/disclosure-request/<id>/<step>", view_func=request_step, methods=["POST"])
    plaza.add_url_rule("/dashboard/participation", view_func=my_participation)
    plaza.add_url_rule("/ask", view_func=ask_guide)

