"""문의하기: a citizen's 민원/제안/신청/문의 on a record, forwarded to the city's
complaints service (응답소) and followed until it is answered.

The petition is stored first (status 전송대기) and forwarded afterwards, so a
complaints service that is down only delays it: each failed attempt is
recorded and retried later with a growing pause. The plaza's id travels with
the petition, so a retry after a lost reply does not file it twice. The
service reports 접수 → 처리중 → 답변완료; the plaza asks it (the sync pass) or
is nudged by its callback, and mails the citizen once the answer is in."""
from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Optional

import ckan.plugins.toolkit as tk
import requests
from ckan import model

from ..nfc import normalized
from . import outbox
from .model import Petition

log = logging.getLogger(__name__)

KINDS = ("민원", "제안", "신청", "문의")
QUEUED, RECEIVED, IN_PROGRESS, ANSWERED = "전송대기", "접수", "처리중", "답변완료"
OPEN = (RECEIVED, IN_PROGRESS)
TIMEOUT = 10
MAX_PAUSE = 3600


class ComplaintsServiceError(Exception):
    """The complaints service could not be reached or refused the call."""


def service_url() -> str:
    return (tk.config.get("ckanext.seoulplaza.complaints_url") or "").rstrip("/")


def create(user: model.User, pkg: dict[str, Any], kind: str, title: str, body: str) -> Petition:
    petition = Petition(user_id=user.id, package_id=pkg["id"], kind=kind, title=title.strip(),
                        body=body, status=QUEUED)
    model.Session.add(petition)
    model.Session.commit()
    return petition


def _call(method: str, path: str, **kwargs: Any) -> dict[str, Any]:
    base = service_url()
    if not base:
        raise ComplaintsServiceError("ckanext.seoulplaza.complaints_url is not set")
    try:
        response = requests.request(method, base + path, timeout=TIMEOUT, **kwargs)
    except requests.RequestException as error:
        raise ComplaintsServiceError(f"{type(error).__name__}: {error}") from error
    if response.status_code >= 400:
        raise ComplaintsServiceError(f"HTTP {response.status_code}: {response.text[:200]}")
    return normalized(response.json())


def _payload(petition: Petition) -> dict[str, Any]:
    pkg = model.Package.get(petition.package_id)
    user = model.User.get(petition.user_id)
    extras = pkg.extras if pkg is not None else {}
    site = tk.config.get("ckan.site_url").rstrip("/")
    return {
        "plaza_id": petition.id, "kind": petition.kind, "title": petition.title, "body": petition.body,
        "record": {"id": petition.package_id, "title": pkg.title if pkg else "",
                   "document_number": extras.get("document_number", ""),
                   "department": extras.get("department", ""),
                   "url": f"{site}/dataset/{pkg.name}" if pkg else ""},
        "petitioner": {"name": (user.fullname or user.name) if user else "",
                       "email": user.email if user else ""},
        "callback_url": f"{site}/participation/complaints-callback",
    }


def forward(petition: Petition, now: Optional[dt.datetime] = None) -> bool:
    """Send one queued petition; on failure record why and when to try again."""
    now = now or dt.datetime.utcnow()
    try:
        answer = _call("POST", "/api/petitions", json=_payload(petition))
    except ComplaintsServiceError as error:
        petition.attempts += 1
        petition.last_error = str(error)[:500]
        pause = min(60 * 2 ** (petition.attempts - 1), MAX_PAUSE)
        petition.next_attempt_at = now + dt.timedelta(seconds=pause)
        log.warning("petition %s not forwarded (attempt %s): %s", petition.id, petition.attempts, error)
        model.Session.commit()
        return False
    petition.attempts += 1
    petition.external_id = answer["id"]
    petition.last_error = None
    _apply(petition, answer, now)
    return True


def refresh(petition: Petition, now: Optional[dt.datetime] = None) -> bool:
    """Ask the service where a forwarded petition stands."""
    try:
        answer = _call("GET", f"/api/petitions/{petition.external_id}")
    except ComplaintsServiceError as error:
        log.warning("petition %s: status not read: %s", petition.id, error)
        return False
    _apply(petition, answer, now or dt.datetime.utcnow())
    return True


def _apply(petition: Petition, answer: dict[str, Any], now: dt.datetime) -> None:
    status = answer.get("status")
    if status in (RECEIVED, IN_PROGRESS, ANSWERED):
        petition.status = status
    if status == ANSWERED:
        petition.answer = answer.get("answer") or ""
        petition.answered_at = now
        if petition.notified_at is None:
            _notify_answered(petition)
            petition.notified_at = now
    petition.updated_at = now
    model.Session.commit()


def _notify_answered(petition: Petition) -> None:
    user = model.User.get(petition.user_id)
    if user is None or not user.email:
        return
    pkg = model.Package.get(petition.package_id)
    site = tk.config.get("ckan.site_url").rstrip("/")
    body = (f"{user.fullname or user.name}님, 서울 정보소통광장에서 보내신 {petition.kind}에 답변이 등록되었습니다.\n\n"
            f"제목: {petition.title}\n기록: {pkg.title if pkg else ''}\n응답소 접수번호: {petition.external_id}\n\n"
            f"답변:\n{petition.answer}\n\n내 민원·청구: {site}/dashboard/participation")
    outbox.queue([(user.fullname or user.name, user.email)], f"[서울 정보소통광장] {petition.kind} 답변: {petition.title}",
                 body, topic="petition-answered")


def sync(now: Optional[dt.datetime] = None) -> dict[str, int]:
    """Forward what is due, read the status of what is open; counts for the summary."""
    now = now or dt.datetime.utcnow()
    counts = {"forwarded": 0, "forward_failed": 0, "refreshed": 0, "answered": 0}
    due = (model.Session.query(Petition)
           .filter(Petition.status == QUEUED, Petition.next_attempt_at <= now)
           .order_by(Petition.created_at).all())
    for petition in due:
        counts["forwarded" if forward(petition, now) else "forward_failed"] += 1
    for petition in model.Session.query(Petition).filter(Petition.status.in_(OPEN)).all():
        if refresh(petition, now):
            counts["refreshed"] += 1
            counts["answered"] += petition.status == ANSWERED
    return counts


def by_external_id(external_id: str) -> Optional[Petition]:
    return model.Session.query(Petition).filter(Petition.external_id == external_id).one_or_none()


def as_dict(petition: Petition) -> dict[str, Any]:
    pkg = model.Package.get(petition.package_id)
    return {"id": petition.id, "kind": petition.kind, "title": petition.title, "body": petition.body,
            "status": petition.status, "complaints_id": petition.external_id, "answer": petition.answer,
            "answered_at": _iso(petition.answered_at), "created_at": _iso(petition.created_at),
            "attempts": petition.attempts, "last_error": petition.last_error,
            "record": {"id": petition.package_id, "name": pkg.name if pkg else None,
                       "title": pkg.title if pkg else None, "type": pkg.type if pkg else None}}


def _iso(value: Optional[dt.datetime]) -> Optional[str]:
    return value.isoformat() if value else None
