"""What an editor types into a record or a resource by hand (the form, the
API, package_patch, resource_patch) is masked before it is stored, as a
harvest masks what it fetches (the tester stored an RRN in a record's notes
and anonymous package_show returned it)."""
from __future__ import annotations

import pytest
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
