"""The plaza in a real browser (Debian's chromium driven by Playwright), over
a live server of the test app: search in Korean, open a record, see the
preview drawn, download the PDF; on a phone; with the keyboard; and checked
by axe-core for accessibility. Screenshots of the key pages are kept in
``test-artifacts/screenshots/``."""
from __future__ import annotations

import re

import pytest
from ckan.tests import helpers

from tests.conftest import PLUGINS, ROOT, csp_violations, screenshot

from .conftest import KOREAN

pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS), *KOREAN,
              pytest.mark.usefixtures("with_plugins")]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}


def _preview_drawn(page):
    page.wait_for_selector("[data-pdf-preview] canvas[data-rendered]", timeout=15000)
    return page.evaluate("() => document.querySelector('[data-pdf-preview]').dataset.pages")


def test_search_in_korean_open_a_record_preview_and_download(live_server, browser, plaza, tmp_path):
    record = helpers.call_action("package_show", id=plaza.public)
    word = re.findall(r"[가-힣]{2,}", record["title"])[0]
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    refused = csp_violations(page)
    page.goto(live_server + "/")
    screenshot(page, "front")
    page.fill("#plaza-q", word)
    page.press("#plaza-q", "Enter")
    page.wait_for_selector("li.dataset-item")
    screenshot(page, "search")
    assert "검색 결과" in page.inner_text(".search-form")
    assert page.locator("li.dataset-item mark").count() > 0
    page.click(f"li.dataset-item h2 a[href$='/{plaza.public}']")
    page.wait_for_selector(".record-facts")
    assert record["title"] in page.inner_text("h1")
    assert int(_preview_drawn(page)) >= 1
    screenshot(page, "record")
    with page.expect_download() as download:
        page.click(".document-actions a:has-text('PDF 내려받기')")
    saved = tmp_path / "record.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    assert refused == []


def test_a_withheld_record_and_the_status_page(live_server, browser, plaza):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    refused = csp_violations(page)
    page.goto(f"{live_server}/sanction/{plaza.withheld}")
    assert "이 기록은 공개되지 않습니다" in page.inner_text(".withholding")
    screenshot(page, "record-withheld")
    page.click(".withholding a")
    page.wait_for_selector("#request-document-number")
    screenshot(page, "disclosure-request")
    page.goto(f"{live_server}/status")
    assert page.locator("table.plaza-chart").count() == 3
    screenshot(page, "status")
    page.goto(f"{live_server}/meeting/{plaza.meetings['완료']}")
    assert page.inner_text(".meeting-steps [aria-current=step]") == "완료"
    screenshot(page, "meeting")
    assert refused == []


def test_on_a_phone_the_record_fits_and_its_preview_draws(live_server, browser, plaza):
    page = browser.new_page(viewport=PHONE, is_mobile=True, device_scale_factor=2)
    for path in ("/", f"/sanction/{plaza.public}", "/status"):
        page.goto(live_server + path)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, (path, overflow)
    page.goto(f"{live_server}/sanction/{plaza.public}")
    assert int(_preview_drawn(page)) >= 1
    screenshot(page, "record-phone")


def test_the_keyboard_reaches_the_content_and_the_search(live_server, browser, plaza):
    page = browser.new_page()
    page.goto(live_server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "본문 바로가기"
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "plaza-q":
            break
    else:
        pytest.fail("the front page's search box is not reachable with Tab")
    page.keyboard.type("청년")
    page.keyboard.press("Enter")
    page.wait_for_selector(".search-form")
    assert "q=%EC%B2%AD%EB%85%84" in page.url


@pytest.mark.parametrize("path", ["/", "/dataset/?q=구급활동", "/dataset/?q=민원", "record", "/status", "meeting",
                                  "/api-guide", "/group/", "/no-such-page"])
def test_no_serious_accessibility_violations(live_server, browser, plaza, path):
    if not AXE.exists():
        pytest.fail("axe-core is missing: bin/test installs it (npm ci)")
    path = {"record": f"/sanction/{plaza.partial}", "meeting": f"/meeting/{plaza.meetings['예정']}"}.get(path, path)
    page = browser.new_page(bypass_csp=True)  # axe is injected as an inline script; the portal sends none
    page.goto(live_server + path)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in result["violations"] if v["impact"] in ("serious", "critical")
               or v["id"] in ("page-has-heading-one", "color-contrast", "scrollable-region-focusable")]
    assert serious == []
    assert page.locator("h1").count() == 1  # one heading names the page


def test_on_a_phone_the_keyboard_reaches_every_scroll_area_of_the_api_guide(live_server, browser, plaza):
    page = browser.new_page(viewport=PHONE, is_mobile=True)
    page.goto(live_server + "/api-guide")
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    scrollable = page.evaluate("""() => [...document.querySelectorAll('main *, [role=main] *')]
        .filter(e => e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
        .map(e => ({tabindex: e.getAttribute('tabindex'), name: e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')}))""")
    assert scrollable, "nothing scrolls sideways at 390 px: the check would prove nothing"
    assert [s for s in scrollable if s["tabindex"] != "0" or not s["name"]] == []
