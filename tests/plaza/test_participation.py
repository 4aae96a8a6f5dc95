"""Citizen participation on the harvested test plaza, with real PostgreSQL,
Redis, an SMTP server (aiosmtpd) and the 응답소 stand-in over HTTP:
comments reach the department by mail and its official answer comes back;
personal data in comments is masked on the page, in the API and in search;
moderation hides from every path; 문의하기 survives a stopped complaints
service; rate limits hold."""
from __future__ import annotations

import datetime as dt

import pytest
import requests
from ckan import model
from ckan.tests import helpers

from ckanext.seoulplaza.participation import petitions, sync
from ckanext.seoulplaza.participation.model import Petition
from harvesters.standins import serve
from harvesters.standins.complaints import ComplaintsDesk

from .conftest import KOREAN, PARTICIPATION, Mailbox, as_user

pytestmark = [*PARTICIPATION, *KOREAN]
PHONE = "010-4821-7730"
COMMENT = f"이 문서의 첨부 예산표 출처가 궁금합니다. 답변은 {PHONE} 으로 부탁드립니다. 반딧불이예산"


def _comment(user, record, content=COMMENT, **extra):
    return helpers.call_action("comments_comment_create", context=as_user(user), subject_type="package",
                               subject_id=record, content=content, **extra)


def _search(word):
    return helpers.call_action("package_search", q=word)["count"]


def _page(app, record, user=None):
    headers = {"Authorization": user["token"]} if user else {}
    return app.get(f"/sanction/{record}", headers=headers).body


def test_comment_mails_the_department_and_its_official_answer_comes_back(app, plaza, people, mailbox):
    made = _comment(people.citizen, plaza.partial)
    assert PHONE not in made["content"] and "[휴대전화번호]" in made["content"]
    assert made["extras"]["masked"] == {"휴대전화번호": 1}
    sync.run()
    (notice,) = mailbox.to(people.steward["email"])
    assert "새 댓글" in notice["Subject"] and "[휴대전화번호]" in Mailbox.text(notice) and PHONE not in Mailbox.text(notice)

    answer = _comment(people.steward, plaza.partial, "예산표는 2024년 본예산 자료입니다.", reply_to_id=made["id"])
    assert answer["extras"]["official"] is True
    sync.run()
    (answered,) = mailbox.to(people.citizen["email"])
    assert "공식 답변" in answered["Subject"] and "본예산" in Mailbox.text(answered)

    page = _page(app, plaza.partial)
    assert "공식 답변" in page and "예산표는 2024년 본예산 자료입니다." in page
    assert "[휴대전화번호]" in page and PHONE not in page
    thread = helpers.call_action("comments_thread_show", context={"user": "", "ignore_auth": False},
                                 subject_type="package", subject_id=plaza.partial, include_comments=True, combine_comments=True)
    (top,) = thread["comments"]
    assert PHONE not in str(thread) and top["replies"][0]["extras"]["official"] is True
    assert _search("반딧불이예산") == 1 and _search("4821") == 0


def test_the_author_alone_sees_what_was_masked(app, plaza, people):
    _comment(people.citizen, plaza.partial)
    assert "휴대전화번호 1" in _page(app, plaza.partial, people.citizen)
    assert "comment-masked-note" not in _page(app, plaza.partial, people.other)


def test_comments_need_a_login_and_a_readable_record(plaza, people, private_record):
    with pytest.raises(helpers.logic.NotAuthorized):
        helpers.call_action("comments_comment_create", context={"user": "", "ignore_auth": False},
                            subject_type="package", subject_id=plaza.public, content="익명")
    with pytest.raises((helpers.logic.NotAuthorized, helpers.logic.NotFound)):
        _comment(people.citizen, private_record["id"], "비공개 기록에 댓글")
    with pytest.raises(helpers.logic.NotAuthorized):
        helpers.call_action("comments_thread_show", context=as_user(people.citizen), subject_type="package",
                            subject_id=private_record["id"], include_comments=True)


def test_a_hidden_comment_is_gone_from_pages_api_and_search(app, plaza, people):
    record = plaza.partial  # the steward's department's record
    made = _comment(people.citizen, record, "광고 도배 문구 번개장터할인")
    assert _search("번개장터할인") == 1
    with pytest.raises(helpers.logic.NotAuthorized):
        helpers.call_action("seoulplaza_comment_hide", context=as_user(people.other), id=made["id"], reason="스팸")
    response = app.post(f"/record/{record}/comments/{made['id']}/hide", data={"reason": "광고성 게시물"},
                        headers={"Authorization": people.steward["token"]}, follow_redirects=False)
    assert response.status_code == 302

    assert "번개장터할인" not in _page(app, record)
    assert "번개장터할인" not in _page(app, record, people.other)
    with pytest.raises(helpers.logic.NotAuthorized):
        helpers.call_action("comments_comment_show", context=as_user(people.other), id=made["id"])
    thread = helpers.call_action("comments_thread_show", context={"user": "", "ignore_auth": False},
                                 subject_type="package", subject_id=record, include_comments=True)
    assert thread["comments"] == []
    assert _search("번개장터할인") == 0
    own = _page(app, record, people.citizen)
    assert "번개장터할인" in own and "광고성 게시물" in own      # the author is told why

    helpers.call_action("comments_comment_approve", context=as_user(people.steward), id=made["id"])
    assert "번개장터할인" in _page(app, record) and _search("번개장터할인") == 1


@pytest.mark.ckan_config("ckanext.seoulplaza.participation.max_per_hour", 2)
def test_posting_is_rate_limited_per_user(plaza, people):
    for n in range(2):
        _comment(people.citizen, plaza.public, f"의견 {n}")
    with pytest.raises(helpers.logic.ValidationError, match="rate_limit"):
        _comment(people.citizen, plaza.public, "세 번째 의견")
    _comment(people.other, plaza.public, "다른 시민의 의견")
    for n in range(3):  # the department answering is not limited
        _comment(people.steward, plaza.partial, f"부서 안내 {n}")


def _ask(app, record, user, body, kind="문의"):
    return app.post(f"/record/{record}/ask", data={"kind": kind, "title": "예산표 출처 문의", "body": body},
                    headers={"Authorization": user["token"]}, follow_redirects=False)


def test_a_question_reaches_the_complaints_service_and_its_answer_comes_back(app, plaza, people, complaints, mailbox):
    body = f"첨부된 예산표의 원자료를 받을 수 있을까요? 연락처 {PHONE}"
    assert _ask(app, plaza.partial, people.citizen, body).status_code == 302
    assert sync.run()["forwarded"] == 1
    (filed,) = complaints.store.petitions.values()
    assert filed["body"] == body.replace(PHONE, "[휴대전화번호]") and filed["kind"] == "문의"
    # the department reaches the citizen through the account, not through the text
    assert filed["record"]["document_number"] and filed["petitioner"]["email"] == people.citizen["email"]
    assert "접수" in app.get("/dashboard/participation", headers={"Authorization": people.citizen["token"]}).body

    requests.post(f"{complaints.url}/api/petitions/{filed['id']}/advance")
    sync.run()
    assert helpers.call_action("seoulplaza_petition_list", context=as_user(people.citizen))[0]["status"] == "처리중"
    requests.post(f"{complaints.url}/api/petitions/{filed['id']}/advance", json={"answer": "원자료는 재정담당관에서 제공합니다."})
    counts = sync.run()
    assert counts["answered"] == 1 and counts["mail_sent"] == 1
    (mail,) = mailbox.to(people.citizen["email"])
    assert "답변" in mail["Subject"] and "재정담당관" in Mailbox.text(mail)
    dashboard = app.get("/dashboard/participation", headers={"Authorization": people.citizen["token"]}).body
    assert "답변완료" in dashboard and "원자료는 재정담당관에서 제공합니다." in dashboard
    sync.run()
    assert len(mailbox.to(people.citizen["email"])) == 1                 # told once
    assert "원자료" not in app.get("/dashboard/participation", headers={"Authorization": people.other["token"]}).body


def test_a_stopped_complaints_service_delays_but_loses_nothing(app, plaza, people, ckan_config, monkeypatch):
    desk = ComplaintsDesk()
    running = serve(desk)
    url = running.url
    running.stop()
    running.server.server_close()
    monkeypatch.setitem(ckan_config, "ckanext.seoulplaza.complaints_url", url)
    body = "정류장 안내판이 파손되었습니다. 교체를 요청합니다."
    _ask(app, plaza.public, people.citizen, body, kind="민원")
    counts = sync.run()
    assert counts["forward_failed"] == 1 and counts["forwarded"] == 0
    (petition,) = model.Session.query(Petition).all()
    assert petition.status == petitions.QUEUED and petition.body == body
    assert petition.attempts == 1 and "ConnectionError" in petition.last_error
    assert sync.run()["forward_failed"] == 0                           # waits before trying again
    dashboard = app.get("/dashboard/participation", headers={"Authorization": people.citizen["token"]}).body
    assert "전송대기" in dashboard

    port = int(url.rsplit(":", 1)[1])
    back = serve(desk, port=port)
    try:
        later = dt.datetime.utcnow() + dt.timedelta(minutes=5)
        assert petitions.sync(now=later)["forwarded"] == 1
        (filed,) = desk.petitions.values()
        assert filed["body"] == body and filed["kind"] == "민원"
        petition = model.Session.get(Petition, petition.id)
        assert petition.status == "접수" and petition.external_id == filed["id"] and petition.last_error is None
    finally:
        back.stop()
