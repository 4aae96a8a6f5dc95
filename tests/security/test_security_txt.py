"""How to report a problem: /.well-known/security.txt (RFC 9116)."""
import datetime as dt

import pytest

from tests.conftest import PLUGINS

pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS), pytest.mark.usefixtures("with_plugins")]


@pytest.mark.ckan_config("ckanext.seoulplaza.security_contact", "security@seoul.example.org")
def test_security_txt_names_the_contact_and_stays_current(app):
    answer = app.get("/.well-known/security.txt")
    assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("text/plain")
    fields = dict(line.split(": ", 1) for line in answer.body.splitlines())
    assert fields["Contact"] == "mailto:security@seoul.example.org"
    expires = dt.datetime.fromisoformat(fields["Expires"].replace("Z", "+00:00"))
    assert dt.timedelta(days=300) < expires - dt.datetime.now(dt.timezone.utc) <= dt.timedelta(days=366)
    assert fields["Canonical"].endswith("/.well-known/security.txt") and "ko" in fields["Preferred-Languages"]


@pytest.mark.ckan_config("ckanext.seoulplaza.security_contact", "")
@pytest.mark.ckan_config("ckanext.seoulplaza.participation.desk_email", "opengov@seoul.example.org")
def test_without_a_contact_of_its_own_the_desk_is_named(app):
    assert "Contact: mailto:opengov@seoul.example.org" in app.get("/.well-known/security.txt").body
