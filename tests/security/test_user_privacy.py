"""Issue 17, Low: anonymous ``user_list``/``user_autocomplete`` listed every
user name. The kind: every way the portal tells about the people behind
accounts — the user list and autocomplete, profiles (``user_show``, /user/…),
their activity, organization member lists, and comment authors — replayed
over HTTP with no token, a citizen's token, an organization admin's and a
sysadmin's. The pages that show comment authors and official answers still do."""
from __future__ import annotations

import pytest
from ckan.tests import factories

from tests.plaza.conftest import KOREAN, PARTICIPATION

pytestmark = [*PARTICIPATION, *KOREAN]


def api(app, action, user=None, **params):
    headers = {"Authorization": user["token"]} if user else {}
    return app.get(f"/api/3/action/{action}", params=params, headers=headers)


@pytest.fixture
def accounts():
    """A department (organization) with an admin and an editor, two citizens and a sysadmin."""
    admin, editor = factories.UserWithToken(fullname="부서 관리자"), factories.UserWithToken(fullname="부서 편집자")
    org = factories.Organization(users=[{"name": admin["name"], "capacity": "admin"},
                                        {"name": editor["name"], "capacity": "editor"}])
    return dict(admin=admin, editor=editor, org=org, citizen=factories.UserWithToken(fullname="김시민"),
                other=factories.UserWithToken(), sysadmin=factories.SysadminWithToken())


def test_nobody_but_sysadmins_lists_the_accounts(app, accounts):
    for who in (None, accounts["citizen"], accounts["editor"], accounts["admin"]):
        listed = api(app, "user_list", who)
        assert listed.status_code == 403, (who and who["name"], listed.body[:200])
        assert accounts["citizen"]["name"] not in listed.body
    assert accounts["citizen"]["name"] in api(app, "user_list", accounts["sysadmin"]).body
    for who in (None, accounts["other"]):
        assert app.get("/user/", headers={"Authorization": who["token"]} if who else {}).status_code == 403


def test_autocomplete_is_for_those_who_add_members(app, accounts):
    prefix = accounts["citizen"]["name"][:3]
    for who in (None, accounts["other"], accounts["editor"]):
        assert api(app, "user_autocomplete", who, q=prefix).status_code == 403
        assert app.get(f"/api/2/util/user/autocomplete?q={prefix}",
                       headers={"Authorization": who["token"]} if who else {}).status_code == 403
    found = api(app, "user_autocomplete", accounts["admin"], q=prefix).json["result"]
    assert accounts["citizen"]["name"] in [u["name"] for u in found]


def test_a_profile_is_seen_by_its_owner_and_the_admins_of_its_groups_only(app, accounts):
    citizen, editor = accounts["citizen"], accounts["editor"]
    for who in (None, accounts["other"]):
        for target in (citizen["name"], citizen["id"], editor["name"]):
            answer = api(app, "user_show", who, id=target)
            assert answer.status_code == 403 and citizen["fullname"] not in answer.body, target
        # an account that does not exist is refused the same way: no name is confirmed
        assert api(app, "user_show", who, id="no-such-account").status_code == 403
        assert api(app, "user_activity_list", who, id=citizen["name"]).status_code == 403
        headers = {"Authorization": who["token"]} if who else {}
        for page in (f"/user/{citizen['name']}", f"/user/activity/{citizen['name']}"):
            assert app.get(page, headers=headers).status_code == 403, page
    assert api(app, "user_show", citizen, id=citizen["name"]).json["result"]["email"] == citizen["email"]
    assert app.get(f"/user/{citizen['name']}", headers={"Authorization": citizen["token"]}).status_code == 200
    assert api(app, "user_show", accounts["admin"], id=editor["name"]).status_code == 200   # their member
    assert api(app, "user_show", accounts["admin"], id=citizen["name"]).status_code == 403  # not theirs
    assert api(app, "user_show", accounts["sysadmin"], id=citizen["name"]).status_code == 200
    # the citizen's own dashboard still shows them
    assert app.get("/dashboard/participation", headers={"Authorization": citizen["token"]}).status_code == 200


def test_no_action_tells_a_stranger_about_an_account(app, accounts):
    """The tester enumerated accounts (and found the sysadmin) through the
    actions about one user: organizations, followers, followees."""
    sysadmin, editor, citizen = accounts["sysadmin"], accounts["editor"], accounts["citizen"]
    for action in ("organization_list_for_user", "package_collaborator_list_for_user", "user_follower_count",
                   "user_followee_count", "user_followee_list", "followee_count", "followee_list",
                   "am_following_user", "user_follower_list"):
        for who in (None, accounts["other"]):
            answers = {api(app, action, who, id=target).status_code
                       for target in (sysadmin["name"], editor["name"], "no-such-account")}
            assert answers == {403}, (action, who and who["name"], answers)
    own = api(app, "organization_list_for_user", editor).json["result"]
    assert [o["id"] for o in own] == [accounts["org"]["id"]]  # one's own organizations, for the forms
    assert api(app, "user_followee_count", citizen, id=citizen["name"]).status_code == 200


def test_organization_members_are_listed_to_its_members_only(app, accounts):
    org, editor = accounts["org"], accounts["editor"]
    for who in (None, accounts["citizen"]):
        assert api(app, "member_list", who, id=org["name"]).status_code == 403
        assert api(app, "member_list", who, id=org["name"], object_type="user").status_code == 403
        assert api(app, "member_list", who, id=org["name"], object_type="package").status_code == 200
        for include_users in ("true", None):
            params = {"id": org["name"], **({"include_users": include_users} if include_users else {})}
            shown = api(app, "organization_show", who, **params)
            assert shown.status_code == 200 and "users" not in shown.json["result"]
            assert editor["name"] not in shown.body and editor["id"] not in shown.body
        headers = {"Authorization": who["token"]} if who else {}
        assert app.get(f"/organization/members/{org['name']}", headers=headers).status_code == 403
        assert editor["fullname"] not in app.get(f"/organization/{org['name']}", headers=headers).body
    members = api(app, "organization_show", accounts["admin"], id=org["name"], include_users="true").json["result"]
    assert {accounts["admin"]["name"], editor["name"]} <= {u["name"] for u in members["users"]}
    assert editor["id"] in [m[0] for m in api(app, "member_list", editor, id=org["name"], object_type="user").json[
        "result"]]


def test_a_thread_shows_its_authors_by_display_name_only(app, plaza, people):
    unnamed = factories.UserWithToken(fullname="")
    for user, text in ((people.citizen, "예산표 출처가 궁금합니다"), (unnamed, "저도 궁금합니다")):
        made = app.post("/api/3/action/comments_comment_create", json={
            "subject_type": "package", "subject_id": plaza.partial, "content": text},
            headers={"Authorization": user["token"]})
        assert made.status_code == 200
    params = dict(subject_type="package", subject_id=plaza.partial, include_comments="true", include_author="true")
    for who in (None, people.other):
        thread = api(app, "comments_thread_show", who, **params).json["result"]
        authors = {c["author"]["display_name"]: c["author"] for c in thread["comments"]}
        assert set(authors) == {"김시민", f"{unnamed['name'][:2]}***"}
        assert all(set(a) == {"id", "display_name"} for a in authors.values())
        for secret in (people.citizen["name"], unnamed["name"], people.citizen["email"]):
            assert secret not in str(thread)
    own = api(app, "comments_thread_show", people.citizen, **params).json["result"]
    assert any(c["author"].get("name") == people.citizen["name"] for c in own["comments"])
    # the record page still shows who commented, and the department's official answer
    answer = app.post("/api/3/action/comments_comment_create", json={
        "subject_type": "package", "subject_id": plaza.partial, "content": "2024년 본예산 자료입니다.",
        "reply_to_id": thread["comments"][0]["id"]}, headers={"Authorization": people.steward["token"]})
    assert answer.status_code == 200
    page = app.get(f"/sanction/{plaza.partial}").body
    assert "김시민" in page and f"{unnamed['name'][:2]}***" in page and "2024년 본예산 자료입니다." in page
    assert unnamed["name"] not in page and people.steward["name"] not in page
    assert f"/user/{people.citizen['name']}" not in page
