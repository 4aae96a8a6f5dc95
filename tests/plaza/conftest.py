"""A small plaza harvested from the stand-ins, as the portal's is: approval
documents of every disclosure class, meetings at each stage of their
lifecycle, and expense reports with the 업무추진비 table behind them."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import socket
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from aiosmtpd.controller import Controller
from ckan import model
from ckan.tests import factories, helpers
from sqlalchemy import text as sa_text

from harvesters import run
from harvesters.standins import build, serve
from harvesters.standins.complaints import ComplaintsDesk
from tests.conftest import PLUGINS

KOREAN = [pytest.mark.ckan_config("ckan.locale_default", "ko_KR")]


@dataclass
class Plaza:
    public: str          # dataset names
    partial: str
    withheld: str
    meetings: dict[str, str] = field(default_factory=dict)  # status -> dataset name
    expense: str = ""
    planted: list[str] = field(default_factory=list)        # private values in the originals


def _by_class(store, klass, n):
    return [i for i, r in store.records.items() if r["disclosure"]["class"] == klass][:n]


@pytest.fixture
def plaza(standin, seoul_data):
    today = dt.date.today()
    edms = build("edms", seoul_data, today)
    keep = _by_class(edms, "공개", 2) + _by_class(edms, "부분공개", 1) + _by_class(edms, "비공개", 1)
    served = standin("edms", keep, today)
    served.store.records[keep[3]]["disclosure"].update(opens_on="2031-01-01")
    minutes = build("minutes", seoul_data, today)
    by_status = {}
    for record_id, record in minutes.records.items():
        by_status.setdefault(record["fields"]["meeting_status"], record_id)
    meetings = standin("minutes", list(by_status.values()), today)
    budget = build("budget", seoul_data, today)
    expenses = [i for i, r in budget.records.items() if r["kind"] == "expense"][:2]
    money = standin("budget", ["expense-2020-12", *expenses], today)
    for source in (served.source, meetings.source, money.source):
        summary = run.run_source(source)
        assert not summary.errors, summary.line()
    planted = [value for record_id in keep for _kind, value in served.store.planted.get(record_id, [])]
    return Plaza(public=f"sanction-{keep[0]}", partial=f"sanction-{keep[2]}", withheld=f"sanction-{keep[3]}",
                 meetings={s: f"meeting-{i.lower()}" for s, i in by_status.items()},
                 expense=f"expense-{expenses[0]}", planted=planted)


@pytest.fixture
def private_record(plaza):
    """A private record of a real agency, with a title no page may show."""
    org = factories.Organization()
    return factories.Dataset(type="sanction", owner_org=org["id"], private=True,
                             title="비밀 결재문서 유출금지 제목", department="비밀과",
                             production_date="2024-01-01", disclosure_class="공개",
                             source_system="업무관리시스템", source_id="PRIVATE-1",
                             document_number="비밀과-999")


# Participation (issue 9): the portal's plugins with ckanext-comments, configured as in config/ckan.ini.tmpl.
PARTICIPATION = [
    pytest.mark.ckan_config("ckan.plugins", PLUGINS + " comments"),
    pytest.mark.ckan_config("ckanext.comments.require_approval", "false"),
    pytest.mark.ckan_config("ckanext.comments.moderator_checker",
                            "ckanext.seoulplaza.participation.comments:is_moderator"),
    pytest.mark.usefixtures("with_plugins", "participation_db"),  # the tables before the plaza's harvest
]


def as_user(user: dict) -> dict:
    """An action context acting as ``user``, with their rights checked."""
    return {"user": user["name"], "ignore_auth": False}


@dataclass
class Mailbox:
    messages: list = field(default_factory=list)

    def to(self, address: str) -> list:
        return [m for m in self.messages if address in m["To"]]

    @staticmethod
    def text(message) -> str:
        return message.get_body(("plain",)).get_content()


class _Sink:
    def __init__(self, box: Mailbox):
        self.box = box

    async def handle_DATA(self, server, session, envelope):
        self.box.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"


@pytest.fixture
def mailbox(ckan_config, monkeypatch):
    """A real SMTP server (aiosmtpd) on a free port that CKAN's mailer sends to."""
    box = Mailbox()
    controller = Controller(_Sink(box), hostname="127.0.0.1", port=_free_port())
    controller.start()
    monkeypatch.setitem(ckan_config, "smtp.server", f"127.0.0.1:{controller.port}")
    yield box
    controller.stop()


@pytest.fixture
def complaints(ckan_config, monkeypatch):
    """The 응답소 stand-in, served on a free port the plaza forwards to."""
    served = serve(ComplaintsDesk())
    monkeypatch.setitem(ckan_config, "ckanext.seoulplaza.complaints_url", served.url)
    yield served
    served.stop()


@pytest.fixture
def participation_db(harvest_db, migrate_db_for, clean_redis):
    """The comments' and the plaza's participation tables (before the plaza is harvested:
    indexing reads the comments)."""
    migrate_db_for("comments")
    migrate_db_for("seoulplaza")
    # clean_db empties CKAN's own tables only
    model.Session.execute(sa_text("TRUNCATE comments_comments, comments_threads, seoulplaza_petition, "
                                  "seoulplaza_disclosure_request, seoulplaza_request_event, seoulplaza_outbox"))
    model.Session.commit()


@pytest.fixture
def people(participation_db, plaza):
    """A citizen, another citizen and a steward (editor) of the department owning the records."""
    owner_org = helpers.call_action("package_show", id=plaza.partial)["owner_org"]
    steward = factories.UserWithToken(email="steward@dept.seoul.example", fullname="부서 담당자")
    helpers.call_action("organization_member_create", id=owner_org, username=steward["name"], role="editor")
    return SimpleNamespace(citizen=factories.UserWithToken(email="citizen@example.org", fullname="김시민"),
                           other=factories.UserWithToken(email="other@example.org"),
                           steward=steward, owner_org=owner_org)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
