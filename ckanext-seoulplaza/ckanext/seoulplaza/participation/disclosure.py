"""정보공개청구: a request for a record that is not (fully) public, and its
lifecycle under the disclosure act.

    접수 ─(연장, once)─▶ 공개 | 부분공개 | 비공개 ─▶ 이의신청 ─▶ 인용 | 기각
      └──────────────────────────── 취하 (by the requester, before a decision)

Deadlines come from ``deadlines``; a refusal (부분공개/비공개) must name its
grounds (제9조 제1항 1–8호). Every step is kept as an event for the timeline,
and the requester is told of each by e-mail."""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterable, Optional

import ckan.plugins.toolkit as tk
from ckan import model

from . import deadlines, outbox
from .access import department_mailboxes
from .model import DisclosureRequest, RequestEvent

RECEIVED, EXTENDED = "접수", "연장"
DECISIONS = ("공개", "부분공개", "비공개")
OBJECTED, UPHELD, DISMISSED, WITHDRAWN = "이의신청", "이의인용", "이의기각", "취하"
UNDECIDED = (RECEIVED, EXTENDED)
REFUSALS = ("부분공개", "비공개")
METHODS = ("전자파일", "사본·출력물", "열람·시청")
GROUNDS = tuple(range(1, 9))
# Records whose document can be asked for: withheld in whole or part, and catalogue entries.
REQUESTABLE_CLASSES = ("부분공개", "비공개")
CATALOGUE_TYPE = "catalogue"


class LifecycleError(tk.ValidationError):
    """A step that the request's state or the law does not allow."""

    def __init__(self, field: str, message: str):
        super().__init__({field: [message]})


def requestable(pkg: dict[str, Any]) -> bool:
    return pkg.get("disclosure_class") in REQUESTABLE_CLASSES or pkg.get("type") == CATALOGUE_TYPE


def prefill(pkg: dict[str, Any]) -> dict[str, str]:
    """What the request form shows of the record."""
    return {"document_number": pkg.get("document_number") or "", "record_title": pkg.get("title") or "",
            "department": pkg.get("department") or (pkg.get("organization") or {}).get("title", "")}


def _event(request: DisclosureRequest, actor: Optional[model.User], action: str, note: str = "") -> None:
    request.events.append(RequestEvent(actor_id=actor.id if actor else None, action=action, note=note or None))


def file(user: model.User, pkg: dict[str, Any], content: str, method: str, today: dt.date) -> DisclosureRequest:
    if not requestable(pkg):
        raise LifecycleError("package_id", tk._("This record is public: it can be downloaded without a request"))
    if method not in METHODS:
        raise LifecycleError("method", tk._("Choose one of: {}").format(", ".join(METHODS)))
    if not (content or "").strip():
        raise LifecycleError("content", tk._("Say what you are asking for"))
    fields = prefill(pkg)
    request = DisclosureRequest(user_id=user.id, package_id=pkg["id"], owner_org=pkg.get("owner_org"),
                                content=content.strip(), method=method, status=RECEIVED, received_on=today,
                                due_on=deadlines.decision_due(today), grounds=[], **fields)
    _event(request, user, RECEIVED)
    model.Session.add(request)
    model.Session.flush()
    _tell_requester(request, user, f"청구가 접수되었습니다. 결정 기한은 {request.due_on}입니다.")
    outbox.queue(department_mailboxes(request.owner_org), f"[정보공개청구 접수] {request.record_title}",
                 f"{request.department or ''} 담당자께,\n\n정보공개청구가 접수되었습니다.\n"
                 f"문서번호: {request.document_number or '-'}\n제목: {request.record_title}\n"
                 f"청구 내용: {request.content}\n공개 방법: {request.method}\n결정 기한: {request.due_on}\n\n"
                 f"처리: {_url(request)}", topic="disclosure-request-received")
    model.Session.commit()
    return request


def current_due(request: DisclosureRequest) -> dt.date:
    return request.extended_due_on or request.due_on


def overdue(request: DisclosureRequest, today: dt.date) -> bool:
    return request.status in UNDECIDED and today > current_due(request)


def extend(request: DisclosureRequest, actor: model.User, reason: str, today: dt.date) -> None:
    if request.status != RECEIVED or request.extended_due_on:
        raise LifecycleError("status", tk._("The decision period can be extended once, before the decision"))
    if today > request.due_on:
        raise LifecycleError("status", tk._("The decision period has already ended"))
    if not (reason or "").strip():
        raise LifecycleError("reason", tk._("The requester must be told why the decision is delayed"))
    request.extended_due_on = deadlines.extended_due(request.due_on)
    request.extension_reason = reason.strip()
    request.status = EXTENDED
    _event(request, actor, EXTENDED, reason.strip())
    _tell_requester(request, None, f"결정 기한이 {request.extended_due_on}까지 연장되었습니다.\n사유: {reason.strip()}")
    model.Session.commit()


def decide(request: DisclosureRequest, actor: model.User, decision: str, grounds: Iterable[int],
           note: str, today: dt.date) -> None:
    if request.status not in UNDECIDED:
        raise LifecycleError("status", tk._("This request has already been decided"))
    if decision not in DECISIONS:
        raise LifecycleError("decision", tk._("Choose one of: {}").format(", ".join(DECISIONS)))
    grounds = sorted({int(g) for g in grounds})
    if any(g not in GROUNDS for g in grounds):
        raise LifecycleError("grounds", tk._("Grounds are items 1-8 of Article 9(1)"))
    if decision in REFUSALS and not grounds:
        raise LifecycleError("grounds", tk._("A refusal must state its legal grounds (Article 9(1))"))
    if decision == "공개" and grounds:
        raise LifecycleError("grounds", tk._("A full disclosure has no grounds for withholding"))
    request.status = request.decision = decision
    request.grounds = grounds
    request.decision_note = (note or "").strip() or None
    request.decided_on = today
    request.objection_due_on = deadlines.objection_due(today)
    ground_words = ", ".join(f"제9조 제1항 제{g}호" for g in grounds)
    _event(request, actor, decision, "; ".join(x for x in (ground_words, request.decision_note or "") if x))
    message = f"결정: {decision}" + (f"\n근거: {ground_words}" if grounds else "")
    if request.decision_note:
        message += f"\n설명: {request.decision_note}"
    if decision in REFUSALS:
        message += f"\n이의신청은 {request.objection_due_on}까지 할 수 있습니다."
    _tell_requester(request, None, message)
    model.Session.commit()


def can_object(request: DisclosureRequest, today: dt.date) -> bool:
    if request.status in REFUSALS:
        return today <= request.objection_due_on
    if request.status in UNDECIDED:  # silence past 20 days counts as a refusal
        since = deadlines.silence_since(request.received_on)
        return since <= today <= deadlines.objection_due(since)
    return False


def object_to(request: DisclosureRequest, actor: model.User, text: str, today: dt.date) -> None:
    if not can_object(request, today):
        raise LifecycleError("status", tk._("An objection is possible within 30 days of a refusal"))
    if not (text or "").strip():
        raise LifecycleError("objection_text", tk._("Say why you object"))
    request.status = OBJECTED
    request.objected_on = today
    request.objection_text = text.strip()
    request.objection_decision_due_on = deadlines.objection_decision_due(today)
    _event(request, actor, OBJECTED, text.strip())
    _tell_requester(request, actor, f"이의신청이 접수되었습니다. 결정 기한은 {request.objection_decision_due_on}입니다.")
    outbox.queue(department_mailboxes(request.owner_org), f"[이의신청] {request.record_title}",
                 f"이의신청이 접수되었습니다. 결정 기한: {request.objection_decision_due_on}\n"
                 f"사유: {request.objection_text}\n\n처리: {_url(request)}", topic="disclosure-objection")
    model.Session.commit()


def decide_objection(request: DisclosureRequest, actor: model.User, upheld: bool, note: str) -> None:
    if request.status != OBJECTED:
        raise LifecycleError("status", tk._("There is no objection to decide"))
    request.status = UPHELD if upheld else DISMISSED
    request.objection_result = (note or "").strip() or None
    _event(request, actor, request.status, request.objection_result or "")
    _tell_requester(request, None, f"이의신청 결정: {request.status}" +
                    (f"\n{request.objection_result}" if request.objection_result else ""))
    model.Session.commit()


def withdraw(request: DisclosureRequest, actor: model.User) -> None:
    if request.status not in UNDECIDED:
        raise LifecycleError("status", tk._("A decided request cannot be withdrawn"))
    request.status = WITHDRAWN
    _event(request, actor, WITHDRAWN)
    model.Session.commit()


def _url(request: DisclosureRequest) -> str:
    return f"{tk.config.get('ckan.site_url').rstrip('/')}/disclosure-request/{request.id}"


def _tell_requester(request: DisclosureRequest, user: Optional[model.User], message: str) -> None:
    user = user or model.User.get(request.user_id)
    if user is None or not user.email:
        return
    outbox.queue([(user.fullname or user.name, user.email)],
                 f"[정보공개청구 {request.status}] {request.record_title}",
                 f"{user.fullname or user.name}님,\n\n{message}\n\n문서번호: {request.document_number or '-'}\n"
                 f"제목: {request.record_title}\n청구 현황: {_url(request)}", topic="disclosure-request")


def get(request_id: Any) -> Optional[DisclosureRequest]:
    """The request with this id; None for an unknown id or one that is not text."""
    return model.Session.get(DisclosureRequest, request_id) if isinstance(request_id, str) and request_id else None


def as_dict(request: DisclosureRequest, today: dt.date) -> dict[str, Any]:
    pkg = model.Package.get(request.package_id) if request.package_id else None
    iso = lambda d: d.isoformat() if d else None  # noqa: E731
    return {
        "id": request.id, "status": request.status, "document_number": request.document_number,
        "record_title": request.record_title, "department": request.department,
        "record": {"name": pkg.name, "type": pkg.type} if pkg else None,
        "content": request.content, "method": request.method,
        "received_on": iso(request.received_on), "due_on": iso(request.due_on),
        "extended_due_on": iso(request.extended_due_on), "extension_reason": request.extension_reason,
        "current_due_on": iso(current_due(request)), "overdue": overdue(request, today),
        "decided_on": iso(request.decided_on), "decision": request.decision, "grounds": list(request.grounds or []),
        "decision_note": request.decision_note, "objection_due_on": iso(request.objection_due_on),
        "can_object": can_object(request, today), "objected_on": iso(request.objected_on),
        "objection_text": request.objection_text,
        "objection_decision_due_on": iso(request.objection_decision_due_on),
        "objection_result": request.objection_result,
        "events": [{"at": e.at.isoformat(timespec="seconds"), "action": e.action, "note": e.note}
                   for e in request.events],
    }
