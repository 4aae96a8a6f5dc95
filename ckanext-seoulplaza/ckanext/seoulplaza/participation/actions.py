"""API actions and auth functions for 문의하기 and 정보공개청구."""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable
from zoneinfo import ZoneInfo

import ckan.plugins.toolkit as tk

from . import disclosure, petitions, ratelimit, stats, sync
from .access import is_steward, logged_in_only, readable_record, steward_orgs, user_obj
from .inputs import flag, text, written, year
from .model import DisclosureRequest, Petition

SEOUL = ZoneInfo("Asia/Seoul")


def today() -> dt.date:
    """The date in Seoul: the law's days are Korean days."""
    return dt.datetime.now(SEOUL).date()


def _record(context: dict[str, Any], package_id: Any) -> dict[str, Any]:
    return readable_record(context, tk.get_or_bust({"package_id": package_id}, "package_id"))


# 문의하기


def petition_create(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """Send a 민원/제안/신청/문의 about a record to 응답소.

    :param package_id: the record
    :param kind: 민원, 제안, 신청 or 문의
    :param title: a short title
    :param body: the text (kept until 응답소 has it; never lost to an outage)"""
    tk.check_access("seoulplaza_petition_create", context, data_dict)
    pkg = _record(context, data_dict.get("package_id"))
    kind = text(data_dict, "kind")
    title, body = written(data_dict, "title"), written(data_dict, "body")
    errors = {}
    if kind not in petitions.KINDS:
        errors["kind"] = [tk._("Choose one of: {}").format(", ".join(petitions.KINDS))]
    for field, value in (("title", title), ("body", body)):
        if not value.strip():
            errors[field] = [tk._("Missing value")]
    if errors:
        raise tk.ValidationError(errors)
    user = user_obj(context)
    ratelimit.check(user.id, "petition", tk._("questions"))
    petition = petitions.create(user, pkg, kind, title, body)
    sync.kick()
    return petitions.as_dict(petition)


@tk.side_effect_free
def petition_list(context: dict[str, Any], data_dict: dict[str, Any]) -> list[dict[str, Any]]:
    """The calling user's petitions, newest first."""
    tk.check_access("seoulplaza_petition_list", context, data_dict)
    user = user_obj(context)
    rows = (context["session"].query(Petition).filter(Petition.user_id == user.id)
            .order_by(Petition.created_at.desc()))
    return [petitions.as_dict(p) for p in rows]


# 정보공개청구


def request_create(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """File a disclosure request for a 부분공개/비공개 record or a 정보공개목록 entry.

    :param package_id: the record (its document number, title and department are filled in)
    :param content: what is asked for
    :param method: 전자파일, 사본·출력물 or 열람·시청"""
    tk.check_access("seoulplaza_disclosure_request_create", context, data_dict)
    pkg = _record(context, data_dict.get("package_id"))
    user = user_obj(context)
    ratelimit.check(user.id, "disclosure_request", tk._("requests"))
    request = disclosure.file(user, pkg, written(data_dict, "content"), text(data_dict, "method"), today())
    sync.kick()
    return disclosure.as_dict(request, today())


@tk.side_effect_free
def request_show(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    tk.check_access("seoulplaza_disclosure_request_show", context, data_dict)
    return disclosure.as_dict(_request(data_dict), today())


@tk.side_effect_free
def request_list(context: dict[str, Any], data_dict: dict[str, Any]) -> list[dict[str, Any]]:
    """The caller's requests; with ``manage=true`` the requests a steward handles."""
    tk.check_access("seoulplaza_disclosure_request_list", context, data_dict)
    user = user_obj(context)
    query = context["session"].query(DisclosureRequest)
    if flag(data_dict, "manage"):
        if not user.sysadmin:
            query = query.filter(DisclosureRequest.owner_org.in_(steward_orgs(user)))
    else:
        query = query.filter(DisclosureRequest.user_id == user.id)
    return [disclosure.as_dict(r, today()) for r in query.order_by(DisclosureRequest.received_on.desc(),
                                                                    DisclosureRequest.created_at.desc())]


def _step(step: Callable[..., None], auth: str, *fields: str) -> Callable[..., dict[str, Any]]:
    """An action for one lifecycle step: its auth first (a request id that does
    not exist is refused like one the caller may not touch), then the step with
    the named fields (``_field``)."""
    def action(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
        tk.check_access(auth, context, data_dict)
        request = _request(data_dict)
        step(request, user_obj(context), *[_field(data_dict, f) for f in fields])
        sync.kick()
        return disclosure.as_dict(request, today())
    action.__doc__ = step.__doc__
    return action


def _field(data_dict: dict[str, Any], field: str) -> Any:
    """A step's field: ``upheld`` a yes/no, ``grounds`` as given (a list or a
    text of numbers, read by ``_decide``), ``decision`` a choice, everything
    else written text (masked)."""
    if field == "grounds":
        return data_dict.get(field)
    if field == "upheld":
        return flag(data_dict, field)
    return text(data_dict, field) if field == "decision" else written(data_dict, field)


def _decide(request: DisclosureRequest, actor: Any, decision: Any, grounds: Any, note: Any) -> None:
    if isinstance(grounds, str):
        grounds = [g for g in grounds.replace(",", " ").split() if g]
    try:
        numbers = [int(g) for g in (grounds or [])]
    except (TypeError, ValueError):
        raise tk.ValidationError({"grounds": [tk._("Grounds are items 1-8 of Article 9(1)")]})
    disclosure.decide(request, actor, decision, numbers, note or "", today())


request_extend = _step(lambda r, u, reason: disclosure.extend(r, u, reason, today()),
                       "seoulplaza_disclosure_request_manage", "reason")
request_decide = _step(_decide, "seoulplaza_disclosure_request_manage", "decision", "grounds", "note")
request_object = _step(lambda r, u, objection: disclosure.object_to(r, u, objection, today()),
                       "seoulplaza_disclosure_request_own", "text")
request_decide_objection = _step(lambda r, u, upheld, note: disclosure.decide_objection(r, u, upheld, note),
                                 "seoulplaza_disclosure_request_manage", "upheld", "note")
request_withdraw = _step(lambda r, u: disclosure.withdraw(r, u), "seoulplaza_disclosure_request_own")


@tk.side_effect_free
def request_stats(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """정보공개청구현황: counts by decision and agency, timeliness.

    :param year: optional, the year of receipt (1900-2999; otherwise a ValidationError)"""
    tk.check_access("seoulplaza_disclosure_request_stats", context, data_dict)
    return stats.request_statistics(today(), year(data_dict))


def participation_sync(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, int]:
    """Run the sync pass now (sysadmins)."""
    tk.check_access("seoulplaza_participation_sync", context, data_dict)
    return sync.run()


def _request(data_dict: dict[str, Any]) -> DisclosureRequest:
    request = disclosure.get(tk.get_or_bust(data_dict, "id"))
    if request is None:
        raise tk.ObjectNotFound(tk._("Request not found"))
    return request


ACTIONS = {
    "seoulplaza_petition_create": petition_create,
    "seoulplaza_petition_list": petition_list,
    "seoulplaza_disclosure_request_create": request_create,
    "seoulplaza_disclosure_request_show": request_show,
    "seoulplaza_disclosure_request_list": request_list,
    "seoulplaza_disclosure_request_extend": request_extend,
    "seoulplaza_disclosure_request_decide": request_decide,
    "seoulplaza_disclosure_request_object": request_object,
    "seoulplaza_disclosure_request_decide_objection": request_decide_objection,
    "seoulplaza_disclosure_request_withdraw": request_withdraw,
    "seoulplaza_disclosure_request_stats": request_stats,
    "seoulplaza_participation_sync": participation_sync,
}


# Auth: logged-in users file; requesters see and act on their own; the owning
# organization's stewards (and sysadmins) manage.


@logged_in_only
def _logged_in(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    return {"success": True}


@logged_in_only
def _requester(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    request, user = disclosure.get(data_dict.get("id") or ""), user_obj(context)
    return {"success": bool(request and user and request.user_id == user.id)}


@logged_in_only
def _manager(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    request = disclosure.get(data_dict.get("id") or "")
    return {"success": bool(request and is_steward(user_obj(context), request.owner_org))}


@logged_in_only
def _requester_or_manager(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    return {"success": _requester(context, data_dict)["success"] or _manager(context, data_dict)["success"]}


@tk.auth_allow_anonymous_access
def _anyone(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    return {"success": True}


@logged_in_only
def _sysadmin(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    return {"success": False}  # sysadmins pass before auth functions run


AUTH = {
    "seoulplaza_petition_create": _logged_in,
    "seoulplaza_petition_list": _logged_in,
    "seoulplaza_disclosure_request_create": _logged_in,
    "seoulplaza_disclosure_request_list": _logged_in,
    "seoulplaza_disclosure_request_show": _requester_or_manager,
    "seoulplaza_disclosure_request_manage": _manager,
    "seoulplaza_disclosure_request_own": _requester,
    "seoulplaza_disclosure_request_stats": _anyone,
    "seoulplaza_participation_sync": _sysadmin,
}
