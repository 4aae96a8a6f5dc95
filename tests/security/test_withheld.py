"""A wholly withheld (비공개) record has no readable document by any path,
for anyone but its stewards, until its planned disclosure date opens it.

Replayed as the attack was: an editor of the owning department adds a PDF
to a harvested 비공개 record over the API (upload and link, resource_create
and package_update); and for a record that holds a document anyway (left
from before the rule), every public path is tried: package_show, search
and its snippets, the record page, the download, the DataStore."""
from __future__ import annotations

import io

import pytest
from ckan import model
from ckan.lib.search import rebuild
from ckan.tests import factories, helpers

from ckanext.seoulplaza import demo
from harvesters.standins.files import reportlab_pdf
from tests.conftest import PLUGINS
from tests.plaza.conftest import KOREAN

pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS), *KOREAN,
              pytest.mark.usefixtures("with_plugins")]
WORD = "유출금지증거문서"
PDF = reportlab_pdf([f"{WORD} 첨부 문서"])  # a document the masking reads, so the withheld rule answers


@pytest.fixture
def steward(plaza):
    owner_org = helpers.call_action("package_show", id=plaza.withheld)["owner_org"]
    user = factories.UserWithToken()
    helpers.call_action("organization_member_create", id=owner_org, username=user["name"], role="editor")
    return user


def _upload(app, token, package_id, name="evidence.pdf", content=PDF, **fields):
    return app.post("/api/3/action/resource_create", headers={"Authorization": token},
                    data={"package_id": package_id, "name": name, **fields,
                          "upload": (io.BytesIO(content), name)})


def test_no_path_adds_a_document_to_a_withheld_record(app, plaza, steward):
    record = helpers.call_action("package_show", id=plaza.withheld)
    assert record["disclosure_class"] == "비공개" and record["resources"] == []
    answer = _upload(app, steward["token"], record["id"])
    assert answer.status_code == 409 and "비공개 기록에는 문서를 둘 수 없습니다" in str(answer.json)
    linked = app.post("/api/3/action/resource_create", headers={"Authorization": steward["token"]},
                      json={"package_id": record["id"], "url": "https://example.org/evidence.pdf"})
    assert linked.status_code == 409
    as_steward = {"user": steward["name"], "ignore_auth": False}
    for call in (lambda: helpers.call_action("package_patch", context=dict(as_steward), id=record["id"],
                                             resources=[{"url": "https://example.org/a.pdf", "name": "a"}]),
                 lambda: helpers.call_action("package_create", context=dict(as_steward), **{
                     **{k: record[k] for k in ("type", "owner_org", "department", "production_date",
                                               "source_system", "nondisclosure_ground")},
                     "name": "withheld-new", "title": "새 비공개 기록", "disclosure_class": "비공개",
                     "source_id": "NEW-1", "resources": [{"url": "https://example.org/a.pdf"}]})):
        with pytest.raises(helpers.logic.ValidationError, match="비공개 기록에는 문서를"):
            call()
    public = helpers.call_action("package_show", id=plaza.public)
    assert public["resources"]
    with pytest.raises(helpers.logic.ValidationError, match="비공개 기록에는 문서를"):
        helpers.call_action("package_patch", context=demo.site_context(), id=public["id"], disclosure_class="비공개",
                            nondisclosure_ground="6", planned_disclosure_date="2031-01-01")
    assert helpers.call_action("package_show", id=plaza.withheld)["resources"] == []


@pytest.fixture
def left_document(plaza, steward):
    """A withheld record holding a PDF and a DataStore table, as one could
    before the rule: attached while 공개, then made 비공개 in the database."""
    context = demo.site_context()
    record = helpers.call_action("package_show", id=plaza.withheld)
    helpers.call_action("package_patch", context=dict(context), id=record["id"], disclosure_class="공개",
                        nondisclosure_ground="", planned_disclosure_date="")
    pdf = helpers.call_action("resource_create", context=dict(context), package_id=record["id"],
                              url="https://example.org/evidence.pdf", name=f"{WORD}.pdf", format="PDF")
    table = helpers.call_action("resource_create", context=dict(context), package_id=record["id"], url="",
                                url_type="datastore", name="표", format="CSV")
    helpers.call_action("datastore_create", context=dict(context), resource_id=table["id"], force=True,
                        fields=[{"id": "note", "type": "text"}], records=[{"note": WORD}])
    package = model.Package.get(record["id"])
    package.extras = {**package.extras, "disclosure_class": "비공개", "nondisclosure_ground": "6"}
    model.Session.commit()
    rebuild(record["id"])
    return record, pdf, table


def test_a_document_left_on_a_withheld_record_is_read_by_its_stewards_only(app, plaza, steward, left_document):
    record, pdf, table = left_document
    citizen = factories.UserWithToken()
    for headers in ({}, {"Authorization": citizen["token"]}):
        shown = app.get("/api/3/action/package_show", query_string={"id": record["id"]}, headers=headers).json
        assert shown["result"]["resources"] == [] and WORD not in str(shown)
        found = app.get("/api/3/action/package_search", query_string={"q": record["name"]}, headers=headers).json
        assert found["result"]["count"] == 1 and WORD not in str(found)
        assert app.get("/api/3/action/package_search", query_string={"q": WORD},
                       headers=headers).json["result"]["count"] == 0
        for action, params in (("resource_show", {"id": pdf["id"]}), ("datastore_search", {"resource_id": table["id"]})):
            answer = app.get(f"/api/3/action/{action}", query_string=params, headers=headers)
            assert answer.status_code == 403 and WORD not in answer.body, (action, answer.body[:200])
        assert app.get(f"/datastore/dump/{table['id']}", headers=headers).status_code in (403, 404)
        assert app.get(f"/sanction/{record['name']}/resource/{pdf['id']}/download",
                       headers=headers, follow_redirects=False).status_code in (403, 404)
        page = app.get(f"/sanction/{record['name']}", headers=headers).body
        assert WORD not in page and "example.org/evidence.pdf" not in page
    own = {"Authorization": steward["token"]}
    assert [r["id"] for r in app.get("/api/3/action/package_show", query_string={"id": record["id"]},
                                     headers=own).json["result"]["resources"]] == [pdf["id"], table["id"]]
    rows = app.get("/api/3/action/datastore_search", query_string={"resource_id": table["id"]}, headers=own).json
    assert rows["result"]["records"][0]["note"] == WORD
