"""Password-reset requests mail a link each: one anonymous client could fill a
citizen's mailbox through ``/user/reset`` (found while closing issue 17).
Replayed against the real app, Redis and an SMTP server: past the per-account
limit no more mail reaches the citizen, from any address; past the
per-address limit one client is refused for every account; the refusal is a
429 in Korean with Retry-After, and it does not tell which accounts exist."""
from __future__ import annotations

import pytest
from ckan.tests import factories

from tests.conftest import PLUGINS

PER_ACCOUNT, PER_ADDRESS = 3, 10
pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS),
              pytest.mark.ckan_config("ckan.locale_default", "ko_KR"),
              pytest.mark.ckan_config("ckanext.seoulplaza.password_reset.max_per_account", PER_ACCOUNT),
              pytest.mark.ckan_config("ckanext.seoulplaza.password_reset.max_per_address", PER_ADDRESS),
              pytest.mark.usefixtures("with_plugins", "harvest_db", "clean_redis")]

KOREAN_REFUSAL = "비밀번호 재설정 요청이 너무 많습니다"


def request_reset(app, typed, address):
    return app.post("/user/reset", data={"user": typed}, extra_environ={"REMOTE_ADDR": address},
                    follow_redirects=False)


def test_a_citizen_gets_at_most_the_limit_of_reset_mails(app, mailbox):
    citizen = factories.User(email="citizen@example.org")
    typed_as = [citizen["name"], "citizen@example.org", "Citizen@Example.org", citizen["name"].upper()]
    answers = [request_reset(app, typed_as[n % 2], f"198.51.100.{n}") for n in range(10)]
    answers += [request_reset(app, typed, "198.51.100.99") for typed in typed_as[2:]]
    assert [a.status_code for a in answers[:PER_ACCOUNT]] == [302] * PER_ACCOUNT
    refused = answers[PER_ACCOUNT:]
    assert {a.status_code for a in refused} == {429}
    assert all(KOREAN_REFUSAL in a.body and int(a.headers["Retry-After"]) > 0 for a in refused)
    assert len([m for m in mailbox.messages if "citizen@example.org" in m["To"]]) == PER_ACCOUNT


def test_one_address_is_refused_for_every_account_past_its_limit(app, mailbox):
    users = [factories.User() for _ in range(PER_ADDRESS + 2)]
    answers = [request_reset(app, user["name"], "203.0.113.9") for user in users]
    assert [a.status_code for a in answers] == [302] * PER_ADDRESS + [429, 429]
    # another client is not affected
    assert request_reset(app, users[-1]["name"], "203.0.113.10").status_code == 302


def test_unknown_names_are_counted_like_accounts_and_answered_alike(app, mailbox):
    citizen = factories.User()
    known = [request_reset(app, citizen["name"], "192.0.2.1").status_code for _ in range(PER_ACCOUNT + 1)]
    unknown = [request_reset(app, "nobody-here", "192.0.2.2").status_code for _ in range(PER_ACCOUNT + 1)]
    assert known == unknown == [302] * PER_ACCOUNT + [429]
