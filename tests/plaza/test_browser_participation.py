"""A logged-in citizen, in a real browser, comments on a withheld record (and
sees the phone number they typed masked) and files a disclosure request for
it, prefilled from the record."""
from __future__ import annotations

from ckan.tests import factories, helpers

from tests.conftest import screenshot

from .conftest import KOREAN, PARTICIPATION

pytestmark = [*PARTICIPATION, *KOREAN]


def test_a_citizen_comments_and_requests_disclosure(live_server, browser, plaza, ckan_config, monkeypatch):
    monkeypatch.setitem(ckan_config, "ckan.site_url", live_server)  # CKAN redirects to the site URL
    citizen = factories.User(password="correct-horse-9", email="browser@example.org", fullname="박시민")
    record = helpers.call_action("package_show", id=plaza.withheld)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server}/user/login")
    page.fill("#field-login", citizen["name"])
    page.fill("#field-password", "correct-horse-9")
    with page.expect_navigation():
        page.press("#field-password", "Enter")

    page.goto(f"{live_server}/sanction/{plaza.withheld}")
    page.fill("#comment-content", "비공개 사유가 궁금합니다. 연락은 010-2345-6789 로 주세요.")
    page.click(".comment-form button[type=submit]")
    page.wait_for_selector(".comment-thread .comment")
    comment = page.inner_text(".comment-thread .comment")
    assert "[휴대전화번호]" in comment and "6789" not in comment
    assert "휴대전화번호 1" in page.inner_text(".comment-masked-note")
    screenshot(page, "record-comment")

    page.click("#request-disclosure")
    page.wait_for_selector("#request-document-number")
    assert page.inner_text("#request-document-number") == record["document_number"]
    assert page.inner_text("#request-department") == record["department"]
    page.fill("#request-content", "비공개 결정된 결재문서 본문 전체")
    page.click(".request-form button[type=submit]")
    page.wait_for_selector("#request-status")
    assert "접수" in page.inner_text("#request-status")
    assert page.inner_text("#request-due").strip()[:4].isdigit()
    screenshot(page, "disclosure-request-filed")

    page.goto(f"{live_server}/dashboard/participation")
    assert record["title"] in page.inner_text(".my-requests")
