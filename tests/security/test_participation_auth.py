"""Issue 17, item 4 (anonymous participation) and the Low item "comment threads
on private datasets", replayed over HTTP against the real app, PostgreSQL,
Redis, the 응답소 stand-in and an SMTP server: with no token, a citizen's
token and another citizen's token.

Before the fix CKAN's anonymous user object (truthy, with an empty name) passed
for a user: anonymous petitions and requests were filed, forwarded and mailed,
every anonymous caller shared them, and the comment actions ended in a 500."""
from __future__ import annotations

import datetime as dt

import pytest
from ckan import model
from ckanext.comments.logic.action import get_actions as comments_actions
from ckanext.comments.model import Comment, Thread

from ckanext.seoulplaza.participation import actions as participation_actions
from ckanext.seoulplaza.participation import disclosure, sync
from ckanext.seoulplaza.participation.model import DisclosureRequest, Petition
from tests.plaza.conftest import KOREAN, PARTICIPATION

pytestmark = [*PARTICIPATION, *KOREAN]

# What anyone may call: a record's public thread and comments, and the aggregate statistics.
PUBLIC_READS = {"comments_thread_show", "comments_comment_show", "seoulplaza_disclosure_request_stats"}


def api(app, action, user=None, **data):
    """POST an Action API call, as ``user`` (their API token) or with no token."""
    headers = {"Authorization": user["token"]} if user else {}
    return app.post(f"/api/3/action/{action}", json=data, headers=headers)


def _file_request(app, plaza, user):
    response = api(app, "seoulplaza_disclosure_request_create", user, package_id=plaza.partial,
                   content="미공개 부분 전체", method="전자파일")
    assert response.status_code == 200, response.body
    return response.json["result"]


def _comment(app, plaza, user, content="예산표 출처가 궁금합니다"):
    response = api(app, "comments_comment_create", user, subject_type="package", subject_id=plaza.partial,
                   content=content)
    assert response.status_code == 200, response.body
    return response.json["result"]


def _counts():
    return {table.__name__: model.Session.query(table).count()
            for table in (Petition, DisclosureRequest, Thread, Comment)}


def test_anonymous_callers_file_nothing_and_nothing_is_forwarded_or_mailed(app, plaza, people, complaints, mailbox):
    before = _counts()
    attempts = {
        "seoulplaza_petition_create": dict(package_id=plaza.partial, kind="민원", title="익명 민원", body="익명"),
        "seoulplaza_disclosure_request_create": dict(package_id=plaza.partial, content="전체", method="전자파일"),
        "comments_comment_create": dict(subject_type="package", subject_id=plaza.public, content="익명 댓글"),
        "comments_thread_create": dict(subject_type="package", subject_id=plaza.public),
    }
    for action, data in attempts.items():
        response = api(app, action, **data)
        assert response.status_code == 403, (action, response.status_code, response.body)
        assert response.json["error"]["__type"] == "Authorization Error"
    # the same through the pages: sent to log in, nothing filed
    for path, form in ((f"/record/{plaza.partial}/ask", {"kind": "민원", "title": "익명", "body": "익명"}),
                       (f"/record/{plaza.public}/comments", {"content": "익명 댓글"}),
                       (f"/disclosure-request?record={plaza.partial}", {"content": "전체", "method": "전자파일"})):
        response = app.post(path, data=form, follow_redirects=False)
        assert response.status_code == 302 and "/user/login" in response.headers["Location"], path

    sync.run()
    assert _counts() == before
    assert complaints.store.petitions == {} and mailbox.messages == []


def test_every_participation_action_refuses_an_anonymous_caller(app, plaza, people):
    """The kind: every action of the plaza's participation and of ckanext-comments,
    called with no token, is refused (403) unless it is a public read — never a 500,
    and nothing changes."""
    request = _file_request(app, plaza, people.citizen)
    comment = _comment(app, plaza, people.citizen)
    payloads = {
        "seoulplaza_petition_create": dict(package_id=plaza.partial, kind="문의", title="t", body="b"),
        "seoulplaza_petition_list": {},
        "seoulplaza_disclosure_request_create": dict(package_id=plaza.partial, content="c", method="전자파일"),
        "seoulplaza_disclosure_request_show": dict(id=request["id"]),
        "seoulplaza_disclosure_request_list": dict(manage=True),
        "seoulplaza_disclosure_request_extend": dict(id=request["id"], reason="검토 중"),
        "seoulplaza_disclosure_request_decide": dict(id=request["id"], decision="비공개", grounds=[6]),
        "seoulplaza_disclosure_request_object": dict(id=request["id"], text="이의"),
        "seoulplaza_disclosure_request_decide_objection": dict(id=request["id"], upheld=True),
        "seoulplaza_disclosure_request_withdraw": dict(id=request["id"]),
        "seoulplaza_disclosure_request_stats": {},
        "seoulplaza_participation_sync": {},
        "seoulplaza_comment_hide": dict(id=comment["id"], reason="광고"),
        "comments_thread_create": dict(subject_type="package", subject_id=plaza.public),
        "comments_thread_show": dict(subject_type="package", subject_id=plaza.partial, include_comments=True),
        "comments_thread_delete": dict(id=comment["thread_id"]),
        "comments_comment_create": dict(subject_type="package", subject_id=plaza.partial, content="익명"),
        "comments_comment_show": dict(id=comment["id"]),
        "comments_comment_update": dict(id=comment["id"], content="바꿈"),
        "comments_comment_delete": dict(id=comment["id"]),
        "comments_comment_approve": dict(id=comment["id"]),
    }
    every_action = set(participation_actions.ACTIONS) | set(comments_actions()) | {"seoulplaza_comment_hide"}
    assert every_action == set(payloads), "a participation action without a replay here"
    before = _counts()
    for action, data in payloads.items():
        status = api(app, action, **data).status_code
        assert status == (200 if action in PUBLIC_READS else 403), (action, status)
    assert _counts() == before
    model.Session.expire_all()
    assert disclosure.get(request["id"]).status == "접수"
    assert model.Session.get(Comment, comment["id"]).content == comment["content"]


def test_requests_filed_before_the_fix_without_a_user_belong_to_no_anonymous_caller(app, plaza, people):
    """Requests stored with the anonymous user's empty id are nobody's to read or withdraw."""
    orphan = DisclosureRequest(user_id="", package_id=None, owner_org=people.owner_org, record_title="익명 청구",
                               content="익명 청구", method="전자파일", status="접수", received_on=dt.date(2026, 1, 5),
                               due_on=dt.date(2026, 1, 15), grounds=[])
    model.Session.add(orphan)
    model.Session.commit()
    assert api(app, "seoulplaza_disclosure_request_show", id=orphan.id).status_code == 403
    assert api(app, "seoulplaza_disclosure_request_withdraw", id=orphan.id).status_code == 403
    assert api(app, "seoulplaza_disclosure_request_list").status_code == 403
    assert api(app, "seoulplaza_disclosure_request_show", people.citizen, id=orphan.id).status_code == 403
    model.Session.expire_all()
    assert disclosure.get(orphan.id).status == "접수"


def test_a_citizen_reads_and_acts_on_their_own_requests_and_comments_only(app, plaza, people, complaints):
    request = _file_request(app, plaza, people.citizen)
    asked = api(app, "seoulplaza_petition_create", people.citizen, package_id=plaza.partial, kind="문의",
                title="예산표 문의", body="원자료를 받을 수 있나요")
    assert asked.status_code == 200
    comment = _comment(app, plaza, people.citizen)

    other = people.other
    for action, data in (("seoulplaza_disclosure_request_show", {}), ("seoulplaza_disclosure_request_withdraw", {}),
                         ("seoulplaza_disclosure_request_object", {"text": "이의"}),
                         ("seoulplaza_disclosure_request_extend", {"reason": "연장"}),
                         ("seoulplaza_disclosure_request_decide", {"decision": "공개"})):
        assert api(app, action, other, id=request["id"], **data).status_code == 403, action
    # the requester does not decide on their own request either
    assert api(app, "seoulplaza_disclosure_request_decide", people.citizen, id=request["id"],
               decision="공개").status_code == 403
    assert api(app, "seoulplaza_disclosure_request_list", other).json["result"] == []
    assert api(app, "seoulplaza_disclosure_request_list", other, manage=True).json["result"] == []
    assert api(app, "seoulplaza_petition_list", other).json["result"] == []
    for action, data in (("comments_comment_update", {"content": "남의 댓글 수정"}), ("comments_comment_delete", {}),
                         ("comments_comment_approve", {}), ("seoulplaza_comment_hide", {"reason": "싫어서"})):
        assert api(app, action, other, id=comment["id"], **data).status_code == 403, action
    # an id that does not exist is refused like one that is not yours
    assert api(app, "seoulplaza_disclosure_request_withdraw", other, id="no-such-request").status_code == 403

    mine = api(app, "seoulplaza_disclosure_request_list", people.citizen).json["result"]
    assert [r["id"] for r in mine] == [request["id"]]
    assert [p["id"] for p in api(app, "seoulplaza_petition_list", people.citizen).json["result"]] == [
        asked.json["result"]["id"]]
    assert api(app, "seoulplaza_disclosure_request_withdraw", people.citizen, id=request["id"]).json[
        "result"]["status"] == "취하"
    # and the department's steward manages it
    assert request["id"] in [r["id"] for r in api(app, "seoulplaza_disclosure_request_list", people.steward,
                                                    manage=True).json["result"]]


def test_participation_pages_send_anonymous_visitors_to_log_in(app, plaza, people):
    request = _file_request(app, plaza, people.citizen)
    comment = _comment(app, plaza, people.citizen)
    for method, path in (("get", f"/disclosure-request/{request['id']}"), ("get", "/disclosure-request/manage"),
                         ("get", "/dashboard/participation"),
                         ("post", f"/disclosure-request/{request['id']}/withdraw"),
                         ("post", f"/record/{plaza.partial}/comments/{comment['id']}/hide")):
        response = getattr(app, method)(path, follow_redirects=False)
        assert response.status_code == 302 and "/user/login" in response.headers["Location"], path
    assert disclosure.get(request["id"]).status == "접수"
    # another citizen is refused the request's page, its steps and the moderation
    headers = {"Authorization": people.other["token"]}
    assert app.get(f"/disclosure-request/{request['id']}", headers=headers).status_code == 404
    assert app.post(f"/disclosure-request/{request['id']}/withdraw", headers=headers).status_code == 403
    assert app.post(f"/record/{plaza.partial}/comments/{comment['id']}/hide", data={"reason": "싫어서"},
                    headers=headers).status_code == 403
    assert app.get("/disclosure-request/stats").status_code == 200


@pytest.mark.parametrize("action, data, field", [
    ("seoulplaza_disclosure_request_list", {"manage": "maybe"}, "manage"),
    ("seoulplaza_disclosure_request_stats", {"year": "abc"}, "year"),
    ("seoulplaza_disclosure_request_stats", {"year": "99999"}, "year"),
    ("seoulplaza_disclosure_request_stats", {"year": "-5"}, "year"),
    ("seoulplaza_petition_create", {"kind": "문의", "title": ["목록"], "body": "b"}, "title"),
    ("comments_comment_create", {"subject_type": "package", "content": {"a": 1}}, "content"),
])
def test_malformed_parameters_are_named_errors_not_500s(app, plaza, people, action, data, field):
    if "package_id" not in data and action == "seoulplaza_petition_create":
        data = dict(data, package_id=plaza.partial)
    if action == "comments_comment_create":
        data = dict(data, subject_id=plaza.partial)
    response = api(app, action, people.citizen, **data)
    assert response.status_code == 409, response.body
    assert field in response.json["error"]


def test_malformed_step_parameters_and_stats_page(app, plaza, people):
    request = _file_request(app, plaza, people.citizen)
    assert api(app, "seoulplaza_disclosure_request_decide", people.steward, id=request["id"],
               decision="비공개", grounds="six").status_code == 409
    assert api(app, "seoulplaza_disclosure_request_extend", people.steward, id=request["id"],
               reason=["a", "b"]).status_code == 409
    twice = api(app, "seoulplaza_disclosure_request_show", people.citizen, id=["a", "b"])
    assert twice.status_code == 400 and "id" in twice.json["error"], twice.body
    for year in ("abc", "99999", "1e3"):
        page = app.get(f"/disclosure-request/stats?year={year}")
        assert page.status_code == 400 and "year" in page.body, year
    assert app.get("/disclosure-request/stats?year=2026").status_code == 200


def test_no_thread_is_created_nor_a_name_confirmed_for_a_record_the_caller_cannot_read(app, plaza, people,
                                                                                       private_record):
    """A private record and a name that does not exist get the same answer, from
    every comments action, for anonymous callers and citizens alike."""
    threads = model.Session.query(Thread).count()
    for user in (None, people.citizen):
        answers = {}
        for subject in (private_record["name"], private_record["id"], "no-such-record-anywhere"):
            for action, data in (("comments_thread_create", {}),
                                 ("comments_thread_show", {"init_missing": True, "include_comments": True}),
                                 ("comments_comment_create", {"content": "있나요?", "create_thread": True})):
                response = api(app, action, user, subject_type="package", subject_id=subject, **data)
                answers[(subject, action)] = (response.status_code, response.json["error"].get("message"))
        assert {status for status, _ in answers.values()} == {403}, answers
        for action in ("comments_thread_create", "comments_thread_show", "comments_comment_create"):
            assert answers[(private_record["name"], action)] == answers[("no-such-record-anywhere", action)]
    # other subject types (resources, users, organizations) are not commented on
    pkg = api(app, "package_show", id=plaza.public).json["result"]
    for subject_type, subject_id in (("resource", pkg["resources"][0]["id"]), ("user", people.citizen["id"]),
                                     ("group", people.owner_org)):
        for action in ("comments_thread_create", "comments_thread_show"):
            assert api(app, action, people.citizen, subject_type=subject_type,
                       subject_id=subject_id).status_code == 403, (action, subject_type)
    assert model.Session.query(Thread).count() == threads


def test_petitions_and_requests_on_a_record_the_caller_cannot_read_confirm_nothing(app, plaza, people,
                                                                                  private_record):
    """The tester's 403 named the private record's id where a missing name got a 404."""
    for action, data in (("seoulplaza_petition_create", dict(kind="문의", title="있나요", body="있나요")),
                         ("seoulplaza_disclosure_request_create", dict(content="전체", method="전자파일"))):
        answers = {subject: api(app, action, people.citizen, package_id=subject, **data)
                   for subject in (private_record["name"], private_record["id"], "no-such-record-anywhere")}
        outcomes = {(a.status_code, a.json["error"]["message"]) for a in answers.values()}
        assert len(outcomes) == 1 and next(iter(outcomes))[0] == 404, (action, outcomes)
        assert all(private_record["id"] not in a.body and private_record["name"] not in a.body
                   for a in answers.values()), action
