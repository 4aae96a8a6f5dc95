"""What an editor types into a record or a resource by hand (the form, the
API, package_patch, resource_patch) is masked before it is stored, as a
harvest masks what it fetches (the tester stored an RRN in a record's notes
and anonymous package_show returned it)."""
from __future__ import annotations

import pytest
from ckan import model
from ckan.tests import factories, helpers

from tests.conftest import PLUGINS

pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS), pytest.mark.usefixtures("with_plugins", "harvest_db")]
TYPED = ("민원인 홍길동 연락처 010-1234-5678 주민 900101-1234567 메일 hong77@gmail.com "
         "또는 &#48;&#49;&#x30;-&#55;&#55;31-2044")  # the markdown of notes shows references as digits
SECRETS = ("홍길동", "1234-5678", "1234567", "hong77", "7731-2044", "&#55;&#55;31")


def test_record_and_resource_text_typed_by_hand_is_stored_masked(app):
    editor = factories.UserWithToken()
    org = factories.Organization(users=[{"name": editor["name"], "capacity": "editor"}])
    auth = {"Authorization": editor["token"]}
    record = factories.Dataset(type="sanction", owner_org=org["id"], title="민원 회신", department="주택정책과",
                               production_date="2024-01-01", disclosure_class="공개", source_system="업무관리시스템",
                               source_id="TYPED-1", document_number="주택정책과-77")
    patched = app.post("/api/3/action/package_patch", headers=auth,
                       json={"id": record["id"], "notes": TYPED, "official": "김담당 주무관"})
    assert patched.status_code == 200, patched.body[:300]
    resource = app.post("/api/3/action/resource_create", headers=auth, json={
        "package_id": record["id"], "url": "https://example.org/a.pdf", "name": "회신문", "description": TYPED})
    assert resource.status_code == 200, resource.body[:300]
    shown = app.get("/api/3/action/package_show", query_string={"id": record["id"]}).json["result"]
    for secret in SECRETS:
        assert secret not in str(shown), secret
    assert "[주민등록번호]" in shown["notes"] and "[휴대전화번호]" in shown["resources"][0]["description"]
    assert shown["official"] == "김담당 주무관" and shown["document_number"] == "주택정책과-77"  # officials and facts kept
    assert app.get("/api/3/action/package_search", query_string={"q": "1234567"}).json["result"]["count"] == 0


def test_a_typed_official_is_masked_as_a_harvest_masks_it(app):
    """The ``official`` field names the official acting in office: as in a harvest
    (``masking.columns.field_recognizers``) the name stays, without a title too, and
    a phone typed beside it is masked; the same name in the notes is masked there."""
    editor = factories.UserWithToken()
    org = factories.Organization(users=[{"name": editor["name"], "capacity": "editor"}])
    made = app.post("/api/3/action/package_create", headers={"Authorization": editor["token"]}, json={
        "type": "sanction", "name": "typed-official", "title": "민원 회신", "owner_org": org["id"],
        "department": "주택정책과", "production_date": "2024-01-01", "disclosure_class": "공개",
        "source_system": "업무관리시스템", "source_id": "TYPED-3", "document_number": "주택정책과-78",
        "official": "박영희 010-2345-6789", "notes": "민원인 김철수 연락처 010-1234-5678"})
    assert made.status_code == 200, made.body[:300]
    shown = app.get("/api/3/action/package_show", query_string={"id": "typed-official"}).json["result"]
    assert shown["official"] == "박영희 [휴대전화번호]"
    assert "김철수" not in shown["notes"] and "1234-5678" not in shown["notes"]


PII = "민원인 홍길동 연락처 010-1234-5678 주민 900101-1234567"
PII_SECRETS = ("홍길동", "1234-5678", "1234567")


def test_every_typed_field_is_masked_not_only_prose(app):
    """The second attack: the fields a deny-list took for identifiers — a
    resource's and a tag's ``name``, ``version``, ``format``, ``mimetype``,
    ``hash``, ``resource_type``, a ``url``'s query — came back verbatim to
    anonymous callers, in pages, search and DCAT."""
    editor = factories.UserWithToken()
    org = factories.Organization(users=[{"name": editor["name"], "capacity": "editor"}])
    auth = {"Authorization": editor["token"]}
    made = app.post("/api/3/action/package_create", headers=auth, json={
        "type": "opendata", "name": "typed-everywhere", "title": "설명회 자료", "owner_org": org["id"],
        "department": "도시계획과", "production_date": "2024-01-01", "disclosure_class": "공개",
        "source_system": "예산관리시스템", "source_id": "TYPED-2", "version": PII,
        "url": "http://example.com/?tel=010-1234-5678&rrn=900101-1234567",
        "resources": [{"name": "자료 " + PII, "format": PII, "mimetype": PII, "hash": PII,
                       "resource_type": PII, "url": "http://example.com/a.csv?tel=010-1234-5678"}]})
    assert made.status_code == 200, made.body[:300]
    patched = app.post("/api/3/action/package_patch", headers=auth, json={
        "id": "typed-everywhere", "tags": [{"name": "홍길동 010-1234-5678"}, {"name": "청년"}]})
    # a masked tag holds brackets, which no tag may: refused, and nothing of it stored
    assert patched.status_code == 409 and "1234-5678" not in patched.body, patched.body[:300]
    assert app.post("/api/3/action/package_patch", headers=auth, json={
        "id": "typed-everywhere", "tags": [{"name": "청년"}]}).status_code == 200
    assert "1234-5678" not in str(app.get("/api/3/action/tag_list", query_string={"query": "010"}).json)
    shown = app.get("/api/3/action/package_show", query_string={"id": "typed-everywhere"}).json["result"]
    for secret in PII_SECRETS[1:]:
        assert secret not in str(shown), secret
    assert {t["name"] for t in shown["tags"]} >= {"청년"}
    assert app.get("/api/3/action/package_search", query_string={"q": "1234567"}).json["result"]["count"] == 0
    assert "1234-5678" not in app.get("/dataset/typed-everywhere").body


def test_organizations_groups_views_and_display_names_are_masked(app):
    """The same kind on every other object people write: an organization's or
    group's description, a view's title and description, a user's display
    name (shown as a comment's author) and profile."""
    admin = factories.SysadminWithToken()
    auth = {"Authorization": admin["token"]}
    org = app.post("/api/3/action/organization_create", headers=auth, json={
        "name": "typed-org", "title": "복지과 " + PII, "description": PII}).json["result"]
    group = app.post("/api/3/action/group_create", headers=auth, json={
        "name": "typed-group", "title": "모음", "description": PII}).json["result"]
    dataset = factories.Dataset(type="opendata", owner_org=org["id"], title="표", department="복지과",
                                production_date="2024-01-01", disclosure_class="공개",
                                source_system="예산관리시스템", source_id="TYPED-3")
    resource = factories.Resource(package_id=dataset["id"], url="https://example.org/a.csv", format="CSV")
    view = app.post("/api/3/action/resource_view_create", headers=auth, json={
        "resource_id": resource["id"], "view_type": "datatables_view", "title": PII, "description": PII})
    citizen = factories.UserWithToken()
    profile = app.post("/api/3/action/user_patch", headers={"Authorization": citizen["token"]}, json={
        "id": citizen["id"], "fullname": "홍길동 010-9876-5432", "about": PII})
    assert profile.status_code == 200, profile.body[:300]
    stored = [org, group, helpers.call_action("resource_view_show", id=view.json["result"]["id"]),
              helpers.call_action("user_show", id=citizen["id"])]
    for secret in PII_SECRETS[1:] + ("9876-5432",):
        assert secret not in str(stored), secret
    assert stored[-1]["name"] == citizen["name"]  # the login kept
    assert stored[-1]["fullname"].startswith("홍길동 ")  # the name one chose to show, its phone masked
    assert model.User.get(citizen["id"]).email == citizen["email"]
