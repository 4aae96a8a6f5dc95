"""Issue 17, Low: ``came_from=\\\\evil`` on the login ended in a 500, and its
siblings were open redirects: every parameter that names the page to go to
next (``came_from`` and ``next`` on login and logout, ``return_to`` after saving
a dataset, ``url`` of /util/redirect) either takes the browser to a page of
this portal or is refused with a 400 naming it — never a 500, never off-site."""
from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest
from ckan.tests import factories

from tests.conftest import PLUGINS

pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS),
              pytest.mark.ckan_config("ckan.locale_default", "ko_KR"),
              pytest.mark.usefixtures("with_plugins", "harvest_db", "clean_redis")]

SITE = "test.ckan.net"  # ckan.site_url of the test configuration
PASSWORD = "Right-Password-2024"

# Off-site or unbuildable targets, as a browser or CKAN would read them.
OFFSITE = [
    "\\\\evil.example", "\\evil.example", "/\\evil.example", "\\/evil.example", "//evil.example",
    "///evil.example", "http://evil.example/", "https:evil.example", "HTTPS://evil.example",
    f"http://{SITE}@evil.example/", f"http://{SITE}.evil.example/", "javascript:alert(1)",
    "JaVaScRiPt:alert(document.cookie)", "data:text/html,<script>alert(1)</script>",
    "\t//evil.example", " //evil.example", "/\t/evil.example", "/\r\n/evil.example", "evil.example",
    "%2F%2Fevil.example", "http://[::1", "／／evil.example",
]
# Each of them raw in the query (the client encodes it once), and once more encoded by hand.
QUERIES = [quote(target, safe="") for target in OFFSITE] + ["%2F%2Fevil.example", "%5C%5Cevil.example",
                                                           "%2F%5Cevil.example", "%09%2F%2Fevil.example"]


@pytest.fixture
def citizen():
    return factories.User(password=PASSWORD)


def _offsite(response) -> bool:
    location = response.headers.get("Location")
    return bool(location) and urlsplit(location).netloc not in ("", SITE)


def _refused(response) -> bool:
    return response.status_code == 400 and not _offsite(response)


def test_login_with_an_offsite_target_is_refused_and_never_followed(app, citizen):
    for query in QUERIES:
        for parameter in ("came_from", "next"):
            page = app.get(f"/user/login?{parameter}={query}", follow_redirects=False)
            assert _refused(page) and parameter in page.body, (query, parameter, page.status_code)
            login = app.post(f"/user/login?{parameter}={query}",
                             data={"login": citizen["name"], "password": PASSWORD}, follow_redirects=False)
            assert _refused(login), (query, parameter, login.status_code, login.headers.get("Location"))


def test_logout_dataset_forms_and_util_redirect_refuse_offsite_targets(app):
    headers = {"Authorization": factories.SysadminWithToken()["token"]}
    for query in QUERIES:
        for path in (f"/user/_logout?came_from={query}", f"/dataset/new?return_to={query}",
                     f"/util/redirect?url={query}", f"/en/user/login?came_from={query}"):
            response = app.get(path, headers=headers, follow_redirects=False)
            assert _refused(response), (path, response.status_code, response.headers.get("Location"))
    for target in OFFSITE:  # the same in a posted form
        posted = app.post("/util/redirect", data={"url": target}, headers=headers, follow_redirects=False)
        assert _refused(posted), (target, posted.status_code, posted.headers.get("Location"))


@pytest.mark.parametrize("target, expected", [
    ("/dataset/?q=%EC%98%88%EC%82%B0", "/dataset/?q="),
    ("/sanction/", "/sanction/"),
    (f"http://{SITE}/dashboard/datasets", "/dashboard/datasets"),
])
def test_pages_of_this_portal_are_still_where_login_and_logout_go(app, citizen, target, expected):
    response = app.post(f"/user/login?came_from={quote(target, safe='')}",
                        data={"login": citizen["name"], "password": PASSWORD}, follow_redirects=False)
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert location.netloc == SITE and (location.path + ("?" + location.query if location.query else "")).startswith(
        expected)
    token = factories.APIToken(user=citizen["name"])["token"]
    logout = app.get(f"/user/_logout?came_from={quote(target, safe='')}", headers={"Authorization": token},
                     follow_redirects=False)
    location = urlsplit(logout.headers["Location"])
    assert logout.status_code == 302 and location.netloc == SITE and location.path.startswith(expected.split("?")[0])
