"""A new citizen, in a real browser (Debian's chromium driven by Playwright):
from a withheld record to the 정보공개청구 form, signs up there, opens the
link of the mail the outbox sent through a real SMTP server, chooses a
password and is back on the form, logged in, and files the request.
Screenshots of each step in ``test-artifacts/screenshots/signup-*.png``."""
from __future__ import annotations

import re

import pytest
from ckan.tests import helpers

from ckanext.seoulplaza.participation import outbox
from tests.conftest import csp_violations, screenshot

from .conftest import KOREAN, PARTICIPATION

# with CSRF checks on, as in production: every form of the journey carries its token
pytestmark = [*PARTICIPATION, *KOREAN, pytest.mark.ckan_config("WTF_CSRF_ENABLED", "true")]
PHONE = {"width": 390, "height": 844}


def test_a_withheld_record_sign_up_verify_and_request(live_server, browser, plaza, mailbox, ckan_config,
                                                      monkeypatch):
    monkeypatch.setitem(ckan_config, "ckan.site_url", live_server)  # the mail's link and CKAN's redirects
    record = helpers.call_action("package_show", id=plaza.withheld)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    refused = csp_violations(page)
    page.goto(f"{live_server}/sanction/{plaza.withheld}")
    nav = page.inner_text("#main-navigation-toggle")
    assert "정보공개청구" in nav and "문의하기" in nav
    button = page.locator(".withholding #request-disclosure")
    assert "btn-primary" in button.get_attribute("class") and button.is_visible()
    screenshot(page, "signup-1-withheld-record")

    button.click()
    page.wait_for_selector("#request-signup")
    screenshot(page, "signup-2-request-form-anonymous")
    page.click("#request-signup")
    page.wait_for_selector("#user-register-form")
    assert page.locator("#user-register-form input[type=password]").count() == 0
    page.fill("#field-email", "new.citizen@example.org")
    page.fill("#field-fullname", "정시민")
    screenshot(page, "signup-3-form")
    page.click("#user-register-form button[type=submit]")
    page.wait_for_selector("#signup-sent")
    assert "new.citizen@example.org" in page.inner_text("#signup-sent")
    screenshot(page, "signup-4-mail-sent")

    outbox.deliver()
    (mail,) = mailbox.to("new.citizen@example.org")
    (link,) = re.findall(r"https?://\S+/user/verify/\S+", mail.get_body(("plain",)).get_content())
    page.goto(link)
    page.wait_for_selector(".verify-form")
    page.fill("#field-password", "plaza-password-7")
    page.fill("#field-confirm-password", "plaza-password-7")
    screenshot(page, "signup-5-choose-password")
    with page.expect_navigation():
        page.click(".verify-form button[type=submit]")

    page.wait_for_selector("#request-content")                 # back on the request form, logged in
    assert page.inner_text("#request-document-number") == record["document_number"]
    page.fill("#request-content", "비공개 결정된 결재문서 본문 전체")
    page.click(".request-form button[type=submit]")
    page.wait_for_selector("#request-status")
    assert "접수" in page.inner_text("#request-status")
    screenshot(page, "signup-6-request-filed")
    assert refused == []

    phone = browser.new_page(viewport=PHONE)
    phone.goto(f"{live_server}/user/login")
    assert phone.locator("#signup-link").is_visible()           # in the form, not below the side column
    phone.click("#signup-link")
    phone.wait_for_selector("#user-register-form")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "signup-7-phone-form")
