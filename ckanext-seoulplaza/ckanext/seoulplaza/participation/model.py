"""The participation tables (created by the plugin's migration,
``ckan db upgrade -p seoulplaza``): what citizens sent and where it stands."""
from __future__ import annotations

import datetime as dt
from typing import Any

from ckan.model.types import make_uuid
from sqlalchemy import Column, Date, DateTime, ForeignKey, Integer, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import declarative_base, relationship

Base: Any = declarative_base()


def _now() -> dt.datetime:
    return dt.datetime.utcnow()


class Petition(Base):
    """A 문의하기 (민원/제안/신청/문의) on a record, forwarded to 응답소.

    The citizen's text is kept here until the complaints service has it (and
    after, for the citizen's dashboard): a failed forward is retried from it."""
    __tablename__ = "seoulplaza_petition"

    id = Column(Text, primary_key=True, default=make_uuid)
    user_id = Column(Text, nullable=False)
    package_id = Column(Text, nullable=False)
    kind = Column(Text, nullable=False)
    title = Column(Text, nullable=False)
    body = Column(Text, nullable=False)
    status = Column(Text, nullable=False)
    external_id = Column(Text, unique=True)
    answer = Column(Text)
    answered_at = Column(DateTime)
    attempts = Column(Integer, nullable=False, default=0)
    last_error = Column(Text)
    next_attempt_at = Column(DateTime, nullable=False, default=_now)
    notified_at = Column(DateTime)
    created_at = Column(DateTime, nullable=False, default=_now)
    updated_at = Column(DateTime, nullable=False, default=_now)


class DisclosureRequest(Base):
    """A 정보공개청구 under the disclosure act, with its legal deadlines."""
    __tablename__ = "seoulplaza_disclosure_request"

    id = Column(Text, primary_key=True, default=make_uuid)
    user_id = Column(Text, nullable=False)
    package_id = Column(Text)
    owner_org = Column(Text)
    document_number = Column(Text)
    record_title = Column(Text, nullable=False)
    department = Column(Text)
    content = Column(Text, nullable=False)
    method = Column(Text, nullable=False)
    status = Column(Text, nullable=False)
    received_on = Column(Date, nullable=False)
    due_on = Column(Date, nullable=False)
    extended_due_on = Column(Date)
    extension_reason = Column(Text)
    decided_on = Column(Date)
    decision = Column(Text)
    grounds = Column(JSONB, nullable=False, default=list)
    decision_note = Column(Text)
    objection_due_on = Column(Date)
    objected_on = Column(Date)
    objection_text = Column(Text)
    objection_decision_due_on = Column(Date)
    objection_result = Column(Text)
    created_at = Column(DateTime, nullable=False, default=_now)

    events: Any = relationship("RequestEvent", order_by="RequestEvent.id", cascade="all, delete-orphan")


class RequestEvent(Base):
    """One step of a request's lifecycle, for its timeline."""
    __tablename__ = "seoulplaza_request_event"

    id = Column(Integer, primary_key=True, autoincrement=True)
    request_id = Column(Text, ForeignKey("seoulplaza_disclosure_request.id", ondelete="CASCADE"), nullable=False)
    at = Column(DateTime, nullable=False, default=_now)
    actor_id = Column(Text)
    action = Column(Text, nullable=False)
    note = Column(Text)


class OutboxMail(Base):
    """A notification waiting for (or done with) the SMTP server: mail is sent
    after the request that caused it, and retried until the server takes it."""
    __tablename__ = "seoulplaza_outbox"

    id = Column(Integer, primary_key=True, autoincrement=True)
    recipient_name = Column(Text, nullable=False)
    recipient_email = Column(Text, nullable=False)
    subject = Column(Text, nullable=False)
    body = Column(Text, nullable=False)
    topic = Column(Text, nullable=False)
    created_at = Column(DateTime, nullable=False, default=_now)
    attempts = Column(Integer, nullable=False, default=0)
    last_error = Column(Text)
    sent_at = Column(DateTime)
