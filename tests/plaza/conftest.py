"""A small plaza harvested from the stand-ins, as the portal's is: approval
documents of every disclosure class, meetings at each stage of their
lifecycle, and expense reports with the 업무추진비 table behind them."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from ckan.tests import factories

from harvesters import run
from harvesters.standins import build

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
