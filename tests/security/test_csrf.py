"""Cross-site request forgery: a page elsewhere posts as a logged-in user.
CKAN exempts extensions' blueprints from its check by default; the plaza
turns that off, so the harvest, DataStore and plaza forms all refuse a post
without the session's token."""
from __future__ import annotations

import pytest
from ckan.tests import factories, helpers
from ckanext.harvest.model import HarvestJob

from tests.plaza.conftest import PARTICIPATION

pytestmark = [*PARTICIPATION, pytest.mark.ckan_config("WTF_CSRF_ENABLED", "true")]


def _token(page: str) -> str:
    return page.split('name="_csrf_token" value="')[1].split('"')[0]


def _logged_in(app, user: dict, password: str):
    """A test client holding ``user``'s session, as their browser would."""
    client = app.test_client()
    login = client.get("/user/login").get_data(as_text=True)
    client.post("/user/login", data={"login": user["name"], "password": password, "_csrf_token": _token(login)})
    return client


def test_an_extensions_form_refuses_a_forged_post(app, standin):
    """ckanext-harvest's "harvest now" button, pressed by a page elsewhere in a sysadmin's session."""
    edms = standin("edms", keep=1)
    admin = factories.Sysadmin(password="correct-horse-9")
    session = _logged_in(app, admin, "correct-horse-9")
    source = helpers.call_action("harvest_source_show", id=edms.source)
    jobs = HarvestJob.filter(source_id=source["id"]).count()
    forged = session.post(f"/harvest/refresh/{source['id']}", follow_redirects=False)
    assert forged.status_code == 400
    assert HarvestJob.filter(source_id=source["id"]).count() == jobs


def test_the_plazas_forms_refuse_a_post_without_the_csrf_token(app, participation_db, plaza):
    """A page elsewhere posts a disclosure request as the logged-in citizen."""
    citizen = factories.User(password="correct-horse-9")
    browser = _logged_in(app, citizen, "correct-horse-9")
    assert browser.get("/dashboard/participation").status_code == 200  # logged in
    forged = browser.post(f"/disclosure-request?record={plaza.partial}",
                          data={"content": "위조된 청구", "method": "전자파일"}, follow_redirects=False)
    assert forged.status_code == 400
    assert helpers.call_action("seoulplaza_disclosure_request_list", context={"user": citizen["name"]}) == []
    form = browser.get(f"/disclosure-request?record={plaza.partial}").get_data(as_text=True)
    filed = browser.post(f"/disclosure-request?record={plaza.partial}", follow_redirects=False,
                         data={"content": "원문 공개를 청구합니다", "method": "전자파일", "_csrf_token": _token(form)})
    assert filed.status_code == 302
    assert len(helpers.call_action("seoulplaza_disclosure_request_list", context={"user": citizen["name"]})) == 1


@pytest.mark.parametrize("form", ["/user/login", "/user/reset", "/user/register"])
def test_a_visitors_form_refuses_a_post_without_the_csrf_token(app, form):
    """CKAN exempts every request without a session user; a page elsewhere would
    post the login, reset and sign-up forms from each of its visitors' addresses."""
    client = app.test_client()
    forged = client.post(form, data={"login": "someone", "password": "guess-1234", "user": "someone",
                                     "email": "victim@example.com", "fullname": "홍길동"},
                         follow_redirects=False)
    assert forged.status_code == 400
    page = client.get(form).get_data(as_text=True)
    sent = client.post(form, follow_redirects=False,
                       data={"login": "someone", "password": "guess-1234", "_csrf_token": _token(page)})
    assert sent.status_code != 400


def test_the_action_api_keeps_answering_scripts_without_a_session(app):
    """A script without a cookie holds no form token; the API stays open to it."""
    answer = app.test_client().post("/api/3/action/package_search", json={"q": "청년", "rows": 0})
    assert answer.status_code == 200
