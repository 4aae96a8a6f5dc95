"""Server-side request forgery: no fetch on a user-given URL reaches an
internal address, after DNS and on every redirect; the configured source
systems only by their own harvesters; refusals name the URL and nothing else.

Replayed as the attack was: an editor links a resource to an internal system
and xloader's job (the real job code on the real Redis queue, worked in this
process as the portal's worker does) is asked to load it into the public
DataStore; harvest sources pointed at the wrong places; a source system whose
export names an internal URL.
"""
from __future__ import annotations

import datetime as dt
import json

import pytest
import requests
from ckan.lib import jobs
from ckan.tests import factories, helpers

import ckan.plugins.toolkit as tk
from ckanext.seoulplaza.security import outbound
from harvesters import run
from tests.conftest import PLUGINS

from .conftest import PUBLIC_ADDRESS, _serve

pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS + " xloader"),
              pytest.mark.usefixtures("with_plugins", "harvest_db", "clean_redis", "with_test_worker")]

SECRET = "내부전용-비밀값-7731"
CSV_HEADERS = {"Content-Type": "text/csv; charset=utf-8"}


def _closed_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _internal_urls(internal) -> list[str]:
    """One internal service, named every way an attacker writes an address."""
    port = internal.url.rsplit(":", 1)[1]
    return [f"{internal.url}/secret.csv", f"http://localhost:{port}/secret.csv", f"http://[::1]:{port}/secret.csv",
            f"http://2130706433:{port}/secret.csv", f"http://0.0.0.0:{port}/secret.csv",
            f"http://127.1:{port}/secret.csv", f"http://[::ffff:127.0.0.1]:{port}/secret.csv",
            f"http://127.0.0.1:{_closed_port()}/secret.csv",
            "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
            "http://10.0.0.1/secret.csv", "http://192.168.0.1/secret.csv", "http://100.64.0.1/secret.csv"]


@pytest.fixture
def editor_site(live_server, ckan_config, monkeypatch):
    """link(url): an editor adds a CSV resource linking ``url`` to a public
    공공데이터 record; xloader's job runs; returns (resource, xloader_status as
    the editor)."""
    admin = factories.SysadminWithToken()
    monkeypatch.setitem(ckan_config, "ckanext.xloader.site_url", live_server)
    monkeypatch.setitem(ckan_config, "ckanext.xloader.api_token", admin["token"])
    editor = factories.User()
    org = factories.Organization(users=[{"name": editor["name"], "capacity": "editor"}])
    dataset = factories.Dataset(type="opendata", owner_org=org["id"], title="연결 자료", department="정보공개과",
                                production_date="2024-01-01", disclosure_class="공개",
                                source_system="예산관리시스템", source_id="LINK-1")
    as_editor = {"user": editor["name"], "ignore_auth": False}

    def link(url: str):
        resource = helpers.call_action("resource_create", context=dict(as_editor), package_id=dataset["id"],
                                       url=url, format="CSV", name="linked table")
        jobs.Worker(["default"]).work(burst=True)
        status = helpers.call_action("xloader_status", context=dict(as_editor), resource_id=resource["id"])
        return helpers.call_action("resource_show", id=resource["id"]), status

    return link


def _datastore_rows(resource_id: str) -> list[dict]:
    try:
        return helpers.call_action("datastore_search", resource_id=resource_id)["records"]
    except tk.ObjectNotFound:
        return []


def test_xloader_loads_no_internal_address_and_says_only_not_allowed(editor_site, internal_server, standin):
    internal_server.routes["/secret.csv"] = (200, CSV_HEADERS, f"값\n{SECRET}\n".encode())
    edms = standin("edms", keep=3)
    record_id = next(iter(edms.store.records))
    urls = [f"{edms.url}/api/records/{record_id}",  # a configured source system: its harvester only
            *_internal_urls(internal_server),
            "http://no-such-host.invalid/secret.csv"]  # told alike: no oracle of which names resolve
    for url in urls:
        resource, status = editor_site(url)
        assert not resource.get("datastore_active") and _datastore_rows(resource["id"]) == [], url
        error = json.dumps(status, ensure_ascii=False)
        assert str(outbound.URLNotAllowed(url)) in error, error
        for detail in ("Traceback", 'File "', "Errno", "Connection refused", "127.0.0.1'", "port="):
            assert detail not in error, (url, detail, error)
    assert internal_server.hits == []


def test_a_public_link_is_loaded_masked_and_a_redirect_inward_is_not_followed(editor_site, internal_server,
                                                                              public_server):
    internal_server.routes["/secret.csv"] = (200, CSV_HEADERS, f"값\n{SECRET}\n".encode())
    public_server.routes["/table.csv"] = (200, CSV_HEADERS,
                                          "구분,비고\n민원,연락처 010-2345-6789로 회신\n".encode())
    public_server.routes["/moved.csv"] = (302, {"Location": f"{internal_server.url}/secret.csv"}, b"")
    public_server.routes["/moved-far.csv"] = (302, {"Location": "file:///etc/passwd"}, b"")

    resource, _status = editor_site(f"{public_server.url}/table.csv")
    rows = _datastore_rows(resource["id"])
    assert len(rows) == 1 and "010-2345-6789" not in json.dumps(rows, ensure_ascii=False)
    assert "[휴대전화번호]" in rows[0]["bigo"]  # masked before loading, as an upload is

    for path in ("/moved.csv", "/moved-far.csv"):
        url = f"{public_server.url}{path}"
        resource, status = editor_site(url)
        assert _datastore_rows(resource["id"]) == []
        assert str(outbound.URLNotAllowed(url)) in json.dumps(status, ensure_ascii=False)
    assert internal_server.hits == []
    assert PUBLIC_ADDRESS in public_server.url


@pytest.mark.parametrize("url", ["file:///etc/passwd", "gopher://127.0.0.1:6379/_INFO", "ftp://127.0.0.1/x.csv",
                                 "dict://127.0.0.1:6379/info", "http://user:pass@example.org/x.csv", "//127.0.0.1/x",
                                 "javascript:alert(1)"])
def test_the_outbound_policy_refuses_other_schemes_and_user_info(url):
    with pytest.raises(outbound.URLNotAllowed, match="not allowed"):
        outbound.fetch(url)


def test_a_trusted_source_system_is_trusted_for_itself_only(internal_server, standin):
    edms = standin("edms", keep=1)
    internal_server.routes["/secret.csv"] = (200, CSV_HEADERS, SECRET.encode())
    own = outbound.trusted_for("seoulplaza_edms", f"{edms.url}/api/status")
    assert outbound.fetch(f"{edms.url}/api/status", trusted=own).ok
    assert outbound.trusted_for("seoulplaza_minutes", f"{edms.url}/api/status") == []
    with pytest.raises(outbound.URLNotAllowed):
        outbound.fetch(f"{edms.url}/api/status", trusted=outbound.trusted_for("seoulplaza_minutes", edms.url))
    with pytest.raises(outbound.URLNotAllowed):  # trust is for the origin, not the host
        outbound.fetch(f"{internal_server.url}/secret.csv", trusted=own)
    assert internal_server.hits == []


# Harvest sources


def _source(context, **fields):
    data = {"name": "new-source", "title": "새 수집원", "source_type": "seoulplaza_minutes",
            "frequency": "MANUAL", **fields}
    return helpers.call_action("harvest_source_create", context=context, **data)


@pytest.mark.parametrize("url", ["javascript:alert(document.cookie)", "file:///etc/passwd", "ftp://example.org/",
                                 "gopher://127.0.0.1:6379/", "http://user:pw@example.org/", "example.org",
                                 "http://127.0.0.1:5105", "http://localhost:6379", "http://169.254.169.254/",
                                 "http://[::1]:5432/"])
def test_harvest_sources_refuse_other_schemes_and_internal_addresses(url):
    editor = factories.User()
    org = factories.Organization(users=[{"name": editor["name"], "capacity": "admin"}])
    with pytest.raises(tk.ValidationError) as refused:
        _source({"user": editor["name"], "ignore_auth": False}, url=url, owner_org=org["id"])
    assert "not allowed" in str(refused.value.error_dict["url"])


def test_a_configured_source_system_is_harvested_by_its_own_harvester_only(standin):
    edms = standin("edms", keep=1)
    admin = factories.Sysadmin()
    org = factories.Organization()
    with pytest.raises(tk.ValidationError, match="own harvester"):
        _source({"user": admin["name"]}, url=edms.url, owner_org=org["id"], source_type="seoulplaza_minutes")


def test_only_a_sysadmin_points_a_source_at_one_of_the_citys_systems(standin):
    """The tester: an editor could add a second source on the 업무관리시스템's
    own address (its harvester's, so the address check let it through)."""
    edms = standin("edms", keep=1)
    admin_of_org = factories.User()
    org = factories.Organization(users=[{"name": admin_of_org["name"], "capacity": "admin"}])
    with pytest.raises(tk.ValidationError, match="sysadmin"):
        _source({"user": admin_of_org["name"], "ignore_auth": False}, url=f"{edms.url}/api/petitions",
                owner_org=org["id"], source_type="seoulplaza_edms")


def test_harvest_sources_and_their_urls_are_not_shown_outside(standin, app):
    edms = standin("edms", keep=1)
    citizen = factories.UserWithToken()
    for auth in ({}, {"Authorization": citizen["token"]}):
        found = app.get("/api/3/action/package_search", query_string={"fq": "dataset_type:harvest"}, headers=auth)
        assert found.json["result"]["count"] == 0
        for action, params in (("harvest_source_list", {}), ("harvest_object_list", {}),
                               ("package_show", {"id": edms.source}), ("harvest_source_show", {"id": edms.source}),
                               ("harvest_job_list", {})):
            answer = app.get(f"/api/3/action/{action}", query_string=params, headers=auth)
            assert answer.status_code in (403, 404), (action, answer.status_code, answer.body[:300])
            assert edms.url not in answer.body
        page = app.get("/harvest", headers=auth)
        assert edms.url not in page.body
    shown = helpers.call_action("harvest_source_show", id=edms.source)
    assert shown["url"] == edms.url and shown["private"] is True


def test_a_source_export_naming_an_internal_url_fails_that_record_only(harvest_db, internal_server, seoul_data,
                                                                      ckan_config, monkeypatch):
    """The configured source system's export links one record's attachment on
    another internal service: the harvest refuses that fetch, records an
    error naming the URL, and goes on with the other record."""
    from harvesters.standins import build
    internal_server.routes["/secret.pdf"] = (200, {"Content-Type": "application/pdf"}, SECRET.encode())
    store = build("edms", seoul_data, dt.date.today())
    good, bad = [r for r in store.records.values()
                 if r["disclosure"]["class"] == "공개" and r.get("attachments")][:2]
    source = _serve("127.0.0.1")  # the source system, as configured
    try:
        monkeypatch.setitem(ckan_config, "ckanext.seoulplaza.source_urls", f"seoulplaza_edms={source.url}")
        for record, url in ((good, f"{source.url}/files/{good['attachments'][0]['id']}"),
                            (bad, f"{internal_server.url}/secret.pdf")):
            shown = json.loads(json.dumps(record))
            for attachment in shown["attachments"]:
                attachment["url"] = url
            source.routes[f"/api/records/{record['id']}"] = (200, {}, json.dumps(shown).encode())
        source.routes[f"/files/{good['attachments'][0]['id']}"] = (
            200, {}, store.file(good["attachments"][0]["id"]))
        entries = [{"id": r["id"], "kind": r["kind"], "modified_at": r["modified_at"], "withdrawn": False}
                   for r in (good, bad)]
        source.routes["/api/records"] = (200, {}, json.dumps({"records": entries, "next": None}).encode())
        (name,) = run.ensure_sources({"seoulplaza_edms": source.url})
        summary = run.run_source(name)
    finally:
        source.stop()
    assert summary.created == 1 and len(summary.errors) == 1, summary.line()
    assert str(outbound.URLNotAllowed(f"{internal_server.url}/secret.pdf")) in json.dumps(summary.errors,
                                                                                         ensure_ascii=False)
    assert internal_server.hits == []
