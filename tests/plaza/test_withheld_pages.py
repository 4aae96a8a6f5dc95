"""Document pages withheld for review reach the stewards (issue 19, item 3).

A page OCR cannot read with confidence is published as the notice "이미지
페이지 — 검토 후 공개" (``masking``); the published resource keeps which pages
(``pages_withheld``), how many (``pages``) and how they were read
(``page_sources``), its stewards see a notice on the record page, a citizen
only the page count and "일부 페이지(…쪽)는 검토 후 공개됩니다", and
``ckan seoulplaza documents withheld`` lists it. Real CKAN, PostgreSQL and
Redis; a steward's upload through ``resource_create``, a harvest through a
real run from the 업무관리시스템 stand-in over HTTP. The PDFs are generated
(``tests.masking.documents``): text pages and blurred scans.
"""
import pytest
from ckan.tests import factories, helpers

from ckanext.seoulplaza.cli import seoulplaza
from harvesters import run
from tests.conftest import PLUGINS
from tests.harvesters.test_attachments import _attach
from tests.masking import documents
from tests.masking.test_pdf_pages import LINES
from tests.plaza.conftest import KOREAN

pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS), *KOREAN,
              pytest.mark.usefixtures("with_plugins", "harvest_db")]

CITIZEN_LINE = "일부 페이지(2, 4쪽)는 검토 후 공개됩니다"
STEWARD_HEADING = "검토 후 공개할 문서 쪽"


def _with_blurred_pages() -> bytes:
    """Four pages: text, a blurred scan, text, a blurred scan (pages 2 and 4 are withheld)."""
    text, blurred = documents.reportlab_pdf(LINES), documents.scan_pdf(LINES, blur=6)
    return documents.joined(text, blurred, text, blurred)


@pytest.fixture(scope="module")
def blurred_pdf() -> bytes:
    return _with_blurred_pages()


def _get(app, url, user=None) -> str:
    headers = {"Authorization": factories.APIToken(user=user["name"])["token"]} if user else {}
    response = app.get(url, headers=headers)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def test_an_uploaded_pdf_with_unreadable_pages_is_reported_to_stewards_and_told_to_citizens(
        app, cli, create_with_upload, blurred_pdf):
    org = factories.Organization()
    editor, outsider, admin = factories.User(), factories.User(), factories.Sysadmin()
    helpers.call_action("organization_member_create", {"user": admin["name"]}, id=org["id"],
                        username=editor["name"], role="editor")
    dataset = factories.Dataset(type="sanction", owner_org=org["id"], title="민원 회신 결과 보고",
                                department="주택정책과", production_date="2026-01-02", disclosure_class="공개",
                                source_system="업무관리시스템", source_id="PAGES-1", document_number="주택정책과-1")
    resource = create_with_upload(blurred_pdf, "회신.pdf", package_id=dataset["id"], url="회신.pdf",
                                  name="민원 회신문", context={"user": editor["name"]})

    shown = helpers.call_action("resource_show", id=resource["id"])
    assert shown["pages"] == 4 and shown["pages_withheld"] == [2, 4]
    assert shown["page_sources"] == "text 2 · withheld 2"

    record = f"/sanction/{dataset['name']}"
    resource_page = f"{record}/resource/{resource['id']}"
    for steward in (editor, admin):
        body = _get(app, record, steward)
        assert STEWARD_HEADING in body and "민원 회신문: 전체 4쪽 중 2, 4쪽 검토 대기 (text 2 · withheld 2)" in body
    for citizen in (outsider, None):
        body = _get(app, record, citizen)
        assert STEWARD_HEADING not in body and "검토 대기" not in body
        page = _get(app, resource_page, citizen)
        assert CITIZEN_LINE in page
        assert "쪽수" in page and "withheld 2" not in page and "검토 대기" not in page

    listed = cli.invoke(seoulplaza, ["documents", "withheld"])
    assert listed.exit_code == 0, listed.output
    assert f"{org['name']}\t{dataset['name']}\t민원 회신문 ({resource['id']})\tpages 2, 4 (2 of 4 withheld)" \
        in listed.output
    assert "1 documents in 1 records await review: 2 pages withheld" in listed.output

    # an edit through the form (which does not carry the report) keeps it; a readable file replaces it
    helpers.call_action("resource_update", {"user": editor["name"]}, id=resource["id"], url=shown["url"],
                        name="민원 회신문 (수정)", resource_role="published_pdf")
    assert helpers.call_action("resource_show", id=resource["id"])["pages_withheld"] == [2, 4]
    create_with_upload(documents.reportlab_pdf(LINES), "회신.pdf", action="resource_patch", id=resource["id"],
                       context={"user": editor["name"]})
    replaced = helpers.call_action("resource_show", id=resource["id"])
    assert replaced["pages"] == 1 and replaced["pages_withheld"] == [] and replaced["page_sources"] == "text 1"
    assert CITIZEN_LINE not in _get(app, resource_page)
    assert STEWARD_HEADING not in _get(app, record, editor)
    listed = cli.invoke(seoulplaza, ["documents", "withheld"])
    assert "0 documents in 0 records await review: 0 pages withheld" in listed.output


def test_a_harvested_pdf_with_unreadable_pages_carries_them_on_its_published_pdf(standin, cli, blurred_pdf):
    served = standin("edms", 1)
    (record_id,) = served.store.records
    _attach(served, record_id, "회신.pdf", blurred_pdf)

    summary = run.run_source(served.source)

    assert summary.created == 1, summary.errors
    dataset = helpers.call_action("package_show", id=f"sanction-{record_id}")
    pdf = next(r for r in dataset["resources"] if r["resource_role"] == "published_pdf")
    assert (pdf["pages"], pdf["pages_withheld"], pdf["page_sources"]) == (4, [2, 4], "text 2 · withheld 2")
    original = next(r for r in dataset["resources"] if r["resource_role"] == "original")
    assert "pages_withheld" not in original
    listed = cli.invoke(seoulplaza, ["documents", "withheld"])
    assert f"{dataset['name']}\t{pdf['name']} ({pdf['id']})\tpages 2, 4 (2 of 4 withheld)" in listed.output
