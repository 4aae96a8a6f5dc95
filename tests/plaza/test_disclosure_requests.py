"""정보공개청구 on the harvested test plaza: filed from a withheld record with
its document number, title and department; moved through 접수 → 연장 → 결정
(with grounds) → 이의신청 → 결정 with the act's deadlines; visible to its
requester and the department's stewards only; counted in the statistics."""
from __future__ import annotations

import datetime as dt

import pytest
from ckan.tests import helpers

from ckanext.seoulplaza.participation import deadlines, sync

from .conftest import KOREAN, PARTICIPATION, Mailbox, as_user

pytestmark = [*PARTICIPATION, *KOREAN]


def _file(user, record, content="미공개 부분을 포함한 문서 전체", method="전자파일"):
    return helpers.call_action("seoulplaza_disclosure_request_create", context=as_user(user),
                               package_id=record, content=content, method=method)


@pytest.mark.parametrize("received, due, reason", [
    ("2026-11-24", "2026-12-04", "10 days, not counting the day of receipt"),
    ("2026-11-20", "2026-11-30", "day 10 is a Monday"),
    ("2026-11-18", "2026-11-30", "day 10 is a Saturday: the next working day"),
    ("2026-09-15", "2026-09-28", "day 10 is 추석 (25 Sep 2026), then a weekend"),
    ("2026-02-06", "2026-02-19", "day 10 is 설날 (16-18 Feb 2026)"),
])
def test_the_decision_deadline_follows_the_civil_code(received, due, reason):
    assert deadlines.decision_due(dt.date.fromisoformat(received)) == dt.date.fromisoformat(due), reason


def test_the_extension_and_objection_periods():
    due = dt.date(2026, 12, 4)
    assert deadlines.extended_due(due) == dt.date(2026, 12, 14)      # 10 days from the day after
    assert deadlines.objection_due(dt.date(2026, 12, 1)) == dt.date(2026, 12, 31)
    assert deadlines.objection_decision_due(dt.date(2026, 12, 24)) == dt.date(2026, 12, 31)


def test_a_request_is_prefilled_from_the_record(app, plaza, people):
    record = helpers.call_action("package_show", id=plaza.withheld)
    page = app.get(f"/disclosure-request?record={plaza.withheld}", headers={"Authorization": people.citizen["token"]}).body
    assert record["document_number"] in page and record["title"] in page and record["department"] in page
    assert 'name="content"' in page
    assert 'id="request-disclosure"' in app.get(f"/sanction/{plaza.partial}").body
    assert 'id="request-disclosure"' not in app.get(f"/sanction/{plaza.public}").body
    with pytest.raises(helpers.logic.ValidationError, match="public"):
        _file(people.citizen, plaza.public)


def test_a_request_through_its_lifecycle(app, plaza, people, mailbox):
    record = helpers.call_action("package_show", id=plaza.partial)
    made = _file(people.citizen, plaza.partial)
    received = dt.date.fromisoformat(made["received_on"])
    assert made["status"] == "접수" and made["document_number"] == record["document_number"]
    assert made["record_title"] == record["title"] and made["department"] == record["department"]
    assert made["due_on"] == deadlines.decision_due(received).isoformat()
    sync.run()
    assert "결정 기한" in Mailbox.text(mailbox.to(people.citizen["email"])[0])
    assert "정보공개청구 접수" in mailbox.to(people.steward["email"])[0]["Subject"]

    # only the requester and the department's stewards see it
    with pytest.raises(helpers.logic.NotAuthorized):
        helpers.call_action("seoulplaza_disclosure_request_show", context=as_user(people.other), id=made["id"])
    assert app.get(f"/disclosure-request/{made['id']}", headers={"Authorization": people.other["token"]},
                   status=404)
    queue = helpers.call_action("seoulplaza_disclosure_request_list", context=as_user(people.steward), manage=True)
    assert [r["id"] for r in queue] == [made["id"]]
    steward_page = app.get("/disclosure-request/manage", headers={"Authorization": people.steward["token"]}).body
    assert made["record_title"] in steward_page and "처리할 청구" in app.get(
        "/dashboard/participation", headers={"Authorization": people.steward["token"]}).body
    assert made["record_title"] not in app.get("/disclosure-request/manage",
                                               headers={"Authorization": people.other["token"]}).body
    with pytest.raises(helpers.logic.NotAuthorized):
        helpers.call_action("seoulplaza_disclosure_request_decide", context=as_user(people.citizen), id=made["id"],
                            decision="공개")

    step = lambda action, **data: helpers.call_action(  # noqa: E731
        f"seoulplaza_disclosure_request_{action}", context=as_user(people.steward), id=made["id"], **data)
    extended = step("extend", reason="제3자 의견 청취")
    assert extended["status"] == "연장"
    assert extended["current_due_on"] == deadlines.extended_due(deadlines.decision_due(received)).isoformat()
    with pytest.raises(helpers.logic.ValidationError, match="once"):
        step("extend", reason="한 번 더")
    with pytest.raises(helpers.logic.ValidationError, match="grounds"):
        step("decide", decision="비공개")
    decided = step("decide", decision="부분공개", grounds=[5, 6], note="의사결정 과정 및 개인정보 부분 제외")
    assert decided["grounds"] == [5, 6] and decided["can_object"]
    assert decided["objection_due_on"] == deadlines.objection_due(dt.date.fromisoformat(decided["decided_on"])).isoformat()

    objected = helpers.call_action("seoulplaza_disclosure_request_object", context=as_user(people.citizen),
                                   id=made["id"], text="제5호 사유가 이미 해소되었습니다.")
    assert objected["status"] == "이의신청"
    assert objected["objection_decision_due_on"] == deadlines.objection_decision_due(
        dt.date.fromisoformat(objected["objected_on"])).isoformat()
    final = step("decide_objection", upheld=True, note="전부 공개로 변경")
    assert final["status"] == "이의인용"
    assert [e["action"] for e in final["events"]] == ["접수", "연장", "부분공개", "이의신청", "이의인용"]
    sync.run()
    subjects = [m["Subject"] for m in mailbox.to(people.citizen["email"])]
    assert len(subjects) == 5 and "이의인용" in subjects[-1]

    page = app.get(f"/disclosure-request/{made['id']}", headers={"Authorization": people.citizen["token"]}).body
    assert "이의인용" in page and "제9조 제1항 제5호" in page

    stats = helpers.call_action("seoulplaza_disclosure_request_stats", context={"user": "", "ignore_auth": False})
    assert stats["received"] == 1 and stats["decisions"]["부분공개"] == 1 and stats["objections_upheld"] == 1
    assert stats["decided_in_time"] == 1 and stats["extended"] == 1
    assert stats["by_agency"][0]["received"] == 1
    assert "전부 공개로 변경" not in str(stats) and people.citizen["name"] not in str(stats)
    assert 'id="stats-received">1<' in app.get("/disclosure-request/stats").body


def test_the_requester_withdraws_and_cannot_object_to_nothing(plaza, people):
    made = _file(people.citizen, plaza.withheld, method="열람·시청")
    with pytest.raises(helpers.logic.ValidationError, match="30 days"):
        helpers.call_action("seoulplaza_disclosure_request_object", context=as_user(people.citizen),
                            id=made["id"], text="아직 결정이 없습니다")
    withdrawn = helpers.call_action("seoulplaza_disclosure_request_withdraw", context=as_user(people.citizen), id=made["id"])
    assert withdrawn["status"] == "취하"
    mine = helpers.call_action("seoulplaza_disclosure_request_list", context=as_user(people.citizen))
    assert [r["status"] for r in mine] == ["취하"]
    assert helpers.call_action("seoulplaza_disclosure_request_list", context=as_user(people.other)) == []
