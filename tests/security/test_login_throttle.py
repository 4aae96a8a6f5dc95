"""Issue 17, item 7: 100 wrong passwords for one account took 3 s, all
answered, and the right password then worked.

Replayed against the real app and Redis through every way CKAN checks a
password: the login form (``/user/login`` and its ``/en/`` twin) and the
current password asked by the profile form (``/user/edit/<id>``). Client
addresses are set per request (``REMOTE_ADDR``), as the WSGI server sets them."""
from __future__ import annotations

import base64
import logging
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from ckan.tests import factories

from ckanext.seoulplaza.security import login_throttle
from tests.conftest import PLUGINS
from tests.security.test_resource_limits import gunicorn_setting, portal  # noqa: F401,F811 (fixture: the portal under gunicorn)

PER_ACCOUNT, PER_ADDRESS, WINDOW = 10, 30, 900
pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS),
              pytest.mark.ckan_config("ckan.locale_default", "ko_KR"),
              pytest.mark.ckan_config("ckanext.seoulplaza.login.max_failures_per_account", PER_ACCOUNT),
              pytest.mark.ckan_config("ckanext.seoulplaza.login.max_failures_per_address", PER_ADDRESS),
              pytest.mark.ckan_config("ckanext.seoulplaza.login.failure_window", WINDOW),
              pytest.mark.usefixtures("with_plugins", "harvest_db", "clean_redis")]

PASSWORD = "Right-Password-2024"
KOREAN_REFUSAL = "로그인 실패가 너무 많습니다"


@pytest.fixture
def citizen():
    return factories.User(password=PASSWORD, email="citizen@example.org")


@pytest.fixture
def neighbour():
    return factories.User(password=PASSWORD, email="neighbour@example.org")


def login(app, login_name, password, address="198.51.100.7", path="/user/login"):
    """POST the login form from ``address`` (each call is a new browser: no session)."""
    return app.post(path, data={"login": login_name, "password": password},
                    extra_environ={"REMOTE_ADDR": address}, follow_redirects=False)


def logged_in(response) -> bool:
    return response.status_code == 302 and "/user/login" not in response.headers["Location"]


def test_the_101st_wrong_password_is_refused_and_so_is_the_right_one(app, citizen, caplog, monkeypatch):
    # the migrations run by harvest_db call logging's fileConfig, which disables loggers made before it
    monkeypatch.setattr(login_throttle.log, "disabled", False)
    caplog.set_level(logging.WARNING, logger=login_throttle.log.name)
    started = time.monotonic()
    answers = [login(app, citizen["name"], f"guess-{n}") for n in range(100)]
    took = time.monotonic() - started
    statuses = [r.status_code for r in answers]
    assert statuses[:PER_ACCOUNT] == [200] * PER_ACCOUNT          # checked, "login failed"
    assert statuses[PER_ACCOUNT:] == [429] * (100 - PER_ACCOUNT), statuses

    refused = login(app, citizen["name"], "guess-101")
    assert refused.status_code == 429 and KOREAN_REFUSAL in refused.body
    assert 0 < int(refused.headers["Retry-After"]) <= WINDOW
    assert not logged_in(login(app, citizen["name"], PASSWORD))                      # locked out
    assert not logged_in(login(app, citizen["name"], PASSWORD, address="203.0.113.50"))  # from anywhere
    english = login(app, citizen["name"], PASSWORD, path="/en/user/login")
    assert english.status_code == 429 and "Too many failed logins" in english.body
    assert any("login refused" in r.getMessage() and "user:" in r.getMessage() for r in caplog.records)
    print(f"100 wrong passwords: {took:.1f} s, {PER_ACCOUNT} checked, {100 - PER_ACCOUNT} refused")


def test_other_accounts_and_addresses_are_not_affected_beyond_the_per_address_limit(app, citizen, neighbour):
    attacker, office, elsewhere = "198.51.100.66", "198.51.100.80", "203.0.113.9"
    for n in range(PER_ACCOUNT):
        login(app, citizen["name"], f"guess-{n}", address=attacker)
    assert login(app, citizen["name"], PASSWORD, address=attacker).status_code == 429
    # another account logs in, from the attacker's address too (under its own limit) and from elsewhere
    assert logged_in(login(app, neighbour["name"], PASSWORD, address=attacker))
    assert logged_in(login(app, neighbour["name"], PASSWORD, address=elsewhere))

    # password spraying: one guess for each of many names from one address
    for n in range(PER_ADDRESS - PER_ACCOUNT):
        assert login(app, f"someone-{n}", "Summer2024!", address=attacker).status_code == 200
    assert login(app, neighbour["name"], PASSWORD, address=attacker).status_code == 429
    assert logged_in(login(app, neighbour["name"], PASSWORD, address=office))
    assert logged_in(login(app, neighbour["name"], PASSWORD, address="2001:db8:1:2::10"))


def test_an_account_is_counted_whatever_it_is_typed_as_and_unknown_names_alike(app, citizen):
    for n in range(PER_ACCOUNT // 2):
        login(app, citizen["name"].upper(), f"guess-{n}")
        login(app, citizen["email"].upper(), f"guess-e{n}")
    assert login(app, citizen["name"], PASSWORD).status_code == 429
    assert login(app, citizen["email"], PASSWORD).status_code == 429
    # a name with no account answers the same way: the refusal tells nothing about which names exist
    for n in range(PER_ACCOUNT):
        assert login(app, "no-such-citizen", f"guess-{n}", address="198.51.100.99").status_code == 200
    assert KOREAN_REFUSAL in login(app, "no-such-citizen", "guess", address="198.51.100.99").body


def test_ipv6_clients_are_counted_per_64_block(app, citizen, neighbour):
    for n in range(PER_ADDRESS):
        login(app, f"someone-{n}", "guess", address=f"2001:db8:aa:bb::{n + 1:x}")
    assert login(app, neighbour["name"], PASSWORD, address="2001:db8:aa:bb:ffff::1").status_code == 429
    assert logged_in(login(app, neighbour["name"], PASSWORD, address="2001:db8:aa:bc::1"))


def test_the_current_password_asked_by_the_profile_form_is_throttled_with_the_login(app, citizen):
    headers = {"Authorization": factories.APIToken(user=citizen["name"])["token"]}
    form = {"name": citizen["name"], "email": citizen["email"], "fullname": citizen["fullname"],
            "password1": "New-Password-2025", "password2": "New-Password-2025", "save": ""}
    for n in range(PER_ACCOUNT):
        wrong = app.post(f"/user/edit/{citizen['name']}", data=dict(form, old_password=f"guess-{n}"),
                         headers=headers)
        assert wrong.status_code == 200  # the form again, with "Password entered was incorrect"
    refused = app.post(f"/user/edit/{citizen['name']}", data=dict(form, old_password=PASSWORD), headers=headers)
    assert refused.status_code == 429 and KOREAN_REFUSAL in refused.body
    # the same account's login is locked by those failures, and the password did not change
    assert login(app, citizen["name"], PASSWORD).status_code == 429
    assert login(app, citizen["name"], "New-Password-2025").status_code == 429


def test_the_action_api_takes_no_password(app, citizen):
    """No API path checks a password: credentials in HTTP Basic are an anonymous call."""
    basic = base64.b64encode(f"{citizen['name']}:{PASSWORD}".encode()).decode()
    response = app.post("/api/3/action/seoulplaza_petition_list", json={},
                        headers={"Authorization": f"Basic {basic}"})
    assert response.status_code == 403


def test_every_worker_process_of_the_portal_shares_the_count(portal, citizen):
    """The portal as bin/setup runs it (gunicorn, several worker processes, see
    test_resource_limits' ``portal``): wrong passwords sent 8 at a time land on
    different workers, and still only the account's limit of them are checked
    (plus at most one per other worker, for checks already under way when the
    limit was reached) — per-process counts would have checked about 4 times as many."""
    workers = gunicorn_setting("workers")

    def attempt(n):
        with requests.Session() as browser:
            return browser.post(f"{portal}/user/login", data={"login": citizen["name"], "password": f"guess-{n}"},
                                allow_redirects=False, timeout=60).status_code

    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(attempt, range(60)))
    checked = statuses.count(200)
    assert set(statuses) == {200, 429} and PER_ACCOUNT <= checked <= PER_ACCOUNT + workers - 1, statuses
    right = requests.post(f"{portal}/user/login", data={"login": citizen["name"], "password": PASSWORD},
                          allow_redirects=False, timeout=60)
    assert right.status_code == 429 and KOREAN_REFUSAL in right.text
