"""Citizens sign up (issue 23, item 3), against the real app, PostgreSQL, Redis,
the outbox and an SMTP server: the account stays pending until the mailed link
is opened and a password chosen there; a taken address is answered like a new
one; the API obeys the same rules; sign-ups are limited per client address,
per e-mail domain and per e-mail address with the shared 429; the name is
masked and the mails carry nothing typed into the form."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import ckan.plugins.toolkit as tk
import pytest
from ckan import model
from ckan.tests import factories, helpers

from ckanext.seoulplaza.participation import outbox

from .conftest import KOREAN, PARTICIPATION

pytestmark = [*PARTICIPATION, *KOREAN,
              pytest.mark.ckan_config("ckanext.seoulplaza.registration.max_per_address", 4),
              pytest.mark.ckan_config("ckanext.seoulplaza.registration.max_per_domain", 5),
              pytest.mark.ckan_config("ckanext.seoulplaza.registration.max_per_email", 2)]

PASSWORD = "plaza-password-7"
SENT = "메일을 보냈습니다"


def sign_up(app, email, fullname="김시민", address="198.51.100.1", **extra):
    return app.post("/user/register", data={"email": email, "fullname": fullname, **extra},
                    extra_environ={"REMOTE_ADDR": address}, follow_redirects=False)


def api_sign_up(app, address="198.51.100.1", action="seoulplaza_user_register", headers=None, **data):
    return app.post(f"/api/3/action/{action}", json=data, extra_environ={"REMOTE_ADDR": address},
                    headers=headers or {})


def accounts(email):
    return model.Session.query(model.User).filter(model.User.email == email).all()


def mails_to(mailbox, email):
    outbox.deliver()
    return mailbox.to(email)


def verification_path(message) -> str:
    (link,) = re.findall(r"https?://\S+/user/verify/\S+", message.get_body(("plain",)).get_content())
    parts = urlsplit(link)
    return f"{parts.path}?{parts.query}"


def page_text(response, email) -> str:
    """The page without its address and its per-response CSRF token."""
    return re.sub(r'"[\w-]{20,}\.[\w-]+\.[\w-]+"', "", response.body.replace(email, "@"))


def login(app, login_name, password):
    response = app.post("/user/login", data={"login": login_name, "password": password}, follow_redirects=False)
    return response.status_code == 302 and "/user/login" not in response.headers["Location"]


def test_the_account_opens_only_through_the_mailed_link(app, mailbox):
    form = app.get("/user/register")
    assert form.status_code == 200 and "회원가입" in form.body
    assert 'name="email"' in form.body and 'name="fullname"' in form.body
    assert 'name="password1"' not in form.body and 'name="name"' not in form.body

    answer = sign_up(app, "new.citizen@example.org", came_from="/disclosure-request?record=x")
    assert answer.status_code == 200 and SENT in answer.body
    (account,) = accounts("new.citizen@example.org")
    assert account.state == "pending" and account.name.startswith("citizen-") and "new" not in account.name
    assert not login(app, "new.citizen@example.org", "")
    with pytest.raises(tk.NotAuthorized):
        helpers.call_action("seoulplaza_disclosure_request_create", {"user": account.name, "ignore_auth": False},
                            package_id="anything", content="x")

    (mail,) = mails_to(mailbox, "new.citizen@example.org")
    assert "메일 주소를 확인" in mail["Subject"]
    path = verification_path(mail)
    assert "came_from=%2Fdisclosure-request" in path
    page = app.get(path)
    assert page.status_code == 200 and 'name="password1"' in page.body

    key = dict(p.split("=", 1) for p in urlsplit(path).query.split("&"))["key"]
    mismatch = app.post(path, data={"key": key, "password1": PASSWORD, "password2": PASSWORD + "x"})
    short = app.post(path, data={"key": key, "password1": "short", "password2": "short"})
    assert "일치하지 않습니다" in mismatch.body and "8" in short.body
    assert model.User.get(account.id).state == "pending"

    done = app.post(path, data={"key": key, "password1": PASSWORD, "password2": PASSWORD,
                                "came_from": "/disclosure-request?record=x"}, follow_redirects=False)
    assert done.status_code == 302 and done.headers["Location"].endswith("/disclosure-request?record=x")
    opened = model.User.get(account.id)
    assert opened.state == "active" and opened.reset_key is None
    assert app.get(path).status_code == 404                       # one use
    assert login(app, "new.citizen@example.org", PASSWORD)


def test_a_taken_address_is_answered_alike_and_its_owner_told(app, mailbox):
    owner = factories.User(email="taken@example.org", password=PASSWORD)
    fresh = sign_up(app, "fresh@example.org", address="198.51.100.2")
    taken = sign_up(app, "taken@example.org", address="198.51.100.3")
    assert fresh.status_code == taken.status_code == 200
    assert page_text(fresh, "fresh@example.org") == page_text(taken, "taken@example.org")

    (notice,) = mails_to(mailbox, "taken@example.org")
    text = notice.get_body(("plain",)).get_content()
    assert "이미" in notice["Subject"] and "/user/reset" in text and "/user/verify/" not in text
    (account,) = accounts("taken@example.org")
    assert account.id == owner["id"] and account.state == "active"
    assert login(app, "taken@example.org", PASSWORD)                # nothing changed for the owner


def test_a_pending_address_gets_a_fresh_link_and_the_older_stops_working(app, mailbox):
    sign_up(app, "twice@example.org", address="198.51.100.4")
    (first,) = mails_to(mailbox, "twice@example.org")
    sign_up(app, "twice@example.org", address="198.51.100.5")
    second = [m for m in mails_to(mailbox, "twice@example.org") if m is not first][0]
    assert len(accounts("twice@example.org")) == 1
    assert app.get(verification_path(first)).status_code == 404
    assert app.get(verification_path(second)).status_code == 200


def test_the_api_obeys_the_same_rules(app, mailbox):
    answer = api_sign_up(app, name="chosen-name", email="api@example.org", fullname="이시민",
                         password=PASSWORD, state="active", sysadmin=True)
    assert answer.status_code == 200
    assert answer.json["result"] == {"email": "api@example.org", "state": "pending"}
    (account,) = accounts("api@example.org")
    assert account.state == "pending" and not account.sysadmin and account.name != "chosen-name"
    assert not login(app, "api@example.org", PASSWORD)
    factories.User(email="api-taken@example.org")
    taken = api_sign_up(app, email="api-taken@example.org", fullname="이시민")
    assert taken.json["result"] == {"email": "api-taken@example.org", "state": "pending"}
    missing = api_sign_up(app, email="not-an-address", fullname="")
    assert missing.status_code == 409 and {"email", "fullname"} <= set(missing.json["error"])
    # as a plain form, what a page elsewhere could make its visitors' browsers post: refused
    posted = app.post("/api/3/action/seoulplaza_user_register", data={"email": "form@example.org", "fullname": "김"})
    assert posted.status_code == 403 and accounts("form@example.org") == []


@pytest.mark.ckan_config("ckan.auth.create_user_via_api", "true")
@pytest.mark.ckan_config("ckan.auth.create_user_via_web", "true")
def test_user_create_is_no_way_around_the_rules(app):
    citizen = factories.User()
    for user in (None, citizen["name"]):
        with pytest.raises(tk.NotAuthorized):
            helpers.call_action("user_create", {"user": user or "", "ignore_auth": False},
                                name="bypass", email="bypass@example.org", password=PASSWORD)
    answer = api_sign_up(app, action="user_create", name="bypass", email="bypass@example.org", password=PASSWORD)
    assert answer.status_code == 403 and accounts("bypass@example.org") == []


def test_limits_per_client_domain_and_address_answer_429_and_mail_nothing(app, mailbox):
    per_client = [sign_up(app, f"c{n}@client.example", address="203.0.113.7").status_code for n in range(5)]
    assert per_client == [200] * 4 + [429]
    assert sign_up(app, "c9@client.example", address="203.0.113.8").status_code == 200   # another client

    per_domain = [sign_up(app, f"d@s{n}.spam.co.kr", address=f"192.0.2.{n}") for n in range(6)]
    assert [a.status_code for a in per_domain] == [200] * 5 + [429]          # subdomains count as spam.co.kr
    refused = per_domain[-1]
    assert "회원가입 신청이 너무 많습니다" in refused.body and int(refused.headers["Retry-After"]) > 0

    per_email = [sign_up(app, "one@inbox.example", address=f"192.0.2.{100 + n}").status_code for n in range(3)]
    assert per_email == [200, 200, 429]
    assert len(mails_to(mailbox, "one@inbox.example")) == 2
    assert mails_to(mailbox, "d@s5.spam.co.kr") == [] and accounts("d@s5.spam.co.kr") == []



def test_the_api_shares_the_limits_and_the_429(app, mailbox):
    answers = [api_sign_up(app, address="203.0.113.20", email=f"a{n}@api.example", fullname="김시민")
               for n in range(5)]
    assert [a.status_code for a in answers] == [200] * 4 + [429]
    assert answers[-1].json["error"]["__type"] == "Too Many Requests" and answers[-1].headers["Retry-After"]


def test_the_name_is_masked_and_the_mails_carry_nothing_typed(app, mailbox):
    typed = "김시민 010-2345-6789 http://spam.example/win"
    sign_up(app, "masked@example.org", fullname=typed)
    (account,) = accounts("masked@example.org")
    assert "6789" not in account.fullname and "김시민" in account.fullname
    (mail,) = mails_to(mailbox, "masked@example.org")
    text = mail.get_body(("plain",)).get_content()
    assert "김시민" not in text and "spam.example" not in text and "김시민" not in mail["To"]


def test_no_form_for_the_logged_in_and_none_when_registration_is_closed(app, ckan_config, monkeypatch):
    user = factories.UserWithToken()
    page = app.get("/user/register", headers={"Authorization": user["token"]})
    assert 'name="fullname"' not in page.body and "로그아웃" in page.body
    assert api_sign_up(app, email="again@example.org", fullname="김", headers={"Authorization": user["token"]}
                       ).status_code == 403
    monkeypatch.setitem(ckan_config, "ckanext.seoulplaza.registration.enabled", False)
    assert app.get("/user/register").status_code == 403
    assert sign_up(app, "closed@example.org").status_code == 403 and accounts("closed@example.org") == []


def test_an_invitation_link_opens_the_same_verification_page(app, mailbox):
    admin = factories.User()
    org = factories.Organization(users=[{"name": admin["name"], "capacity": "admin"}])
    with app.flask_app.test_request_context():
        helpers.call_action("user_invite", {"user": admin["name"]}, email="invited@example.org",
                            group_id=org["id"], role="member")
    (invited,) = accounts("invited@example.org")
    answer = app.get(f"/user/reset/{invited.id}?key={invited.reset_key}", follow_redirects=False)
    assert answer.status_code == 302 and f"/user/verify/{invited.id}?key=" in answer.headers["Location"]
    location = urlsplit(answer.headers["Location"])
    done = app.post(f"{location.path}?{location.query}", data={"password1": PASSWORD, "password2": PASSWORD},
                    follow_redirects=False)
    assert done.status_code == 302 and model.User.get(invited.id).state == "active"


def test_the_login_page_and_the_navigation_lead_to_participation(app):
    login_page = app.get("/user/login?came_from=/disclosure-request")
    assert 'id="signup-link" href="/user/register?came_from=/disclosure-request"' in login_page.body
    front = app.get("/")
    nav = front.body[front.body.index('class="masthead"'):]
    assert 'href="/disclosure-request"' in nav and 'href="/ask"' in nav
    assert "정보공개청구" in nav and "문의하기" in nav
    account = front.body[front.body.index('class="account not-authed"'):front.body.index('class="masthead"')]
    assert '<a class="sub" href="/user/register">회원가입</a>' in account
    guide = app.get("/ask")
    assert guide.status_code == 200 and "/user/register" in guide.body


@pytest.mark.ckan_config("WTF_CSRF_ENABLED", "true")
def test_the_sign_up_and_verification_forms_refuse_a_forged_post(app, mailbox):
    browser = app.test_client()
    token = lambda page: page.split('name="_csrf_token" value="')[1].split('"')[0]  # noqa: E731
    forged = browser.post("/user/register", data={"email": "forged@example.org", "fullname": "김시민"})
    assert forged.status_code == 400 and accounts("forged@example.org") == []
    form = browser.get("/user/register").get_data(as_text=True)
    sent = browser.post("/user/register", data={"email": "forged@example.org", "fullname": "김시민",
                                                "_csrf_token": token(form)})
    assert sent.status_code == 200 and len(accounts("forged@example.org")) == 1
    path = verification_path(mails_to(mailbox, "forged@example.org")[0])
    assert browser.post(path, data={"password1": PASSWORD, "password2": PASSWORD}).status_code == 400
    assert accounts("forged@example.org")[0].state == "pending"
