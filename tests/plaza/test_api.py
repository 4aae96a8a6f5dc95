"""The developer API as a client outside the portal sees it (ckanapi, the
official client, over HTTP): search, show, DataStore queries and dumps; and
nothing non-public through any of those paths or the activity stream."""
from __future__ import annotations

import csv
import io
import json
import shutil

import ckanapi
import pytest
import requests
from ckan.tests import factories, helpers

from ckanext.seoulplaza import demo
from tests.conftest import PLUGINS

from .conftest import KOREAN

pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS), *KOREAN,
              pytest.mark.ckan_config("ckan.datastore.sqlsearch.enabled", "true"),
              pytest.mark.usefixtures("with_plugins")]
SECRET = "비공개표-유출금지"


@pytest.fixture
def remote(live_server):
    return ckanapi.RemoteCKAN(live_server, user_agent="seoulplaza-tests")


@pytest.fixture
def private_table(plaza):
    """A private record with a DataStore table holding a value nobody outside may read."""
    org = factories.Organization()
    dataset = factories.Dataset(type="opendata", owner_org=org["id"], private=True, title=f"{SECRET} 표",
                                department="비밀과", production_date="2024-01-01", disclosure_class="공개",
                                source_system="예산관리시스템", source_id="PRIVATE-TABLE")
    resource = factories.Resource(package_id=dataset["id"], url="", url_type="datastore", format="CSV")
    helpers.call_action("datastore_create", context=demo.site_context(), resource_id=resource["id"], force=True,
                        fields=[{"id": "note", "type": "text", "info": {"label": "비고"}}],
                        records=[{"note": SECRET}])
    return dataset, resource


def _expense_table(remote):
    table = remote.action.package_show(id="expense-2020-12")
    return next(r for r in table["resources"] if r.get("datastore_active"))


def test_ckanapi_searches_and_shows_in_korean(remote, plaza):
    record = helpers.call_action("package_show", id=plaza.public)
    found = remote.action.package_search(q=record["document_number"])
    assert [r["name"] for r in found["results"]] == [plaza.public]
    shown = remote.action.package_show(id=plaza.public)
    assert shown["title"] == record["title"] and shown["type"] == "sanction"
    facets = remote.action.package_search(rows=0, **{"facet.field": '["dataset_type","disclosure_class"]'})["facets"]
    assert facets["dataset_type"]["sanction"] == 4 and facets["disclosure_class"]["비공개"] == 1


def test_ckanapi_queries_the_datastore_by_korean_labelled_columns(remote, plaza):
    expense = helpers.call_action("package_show", id=plaza.expense)
    resource = _expense_table(remote)
    month = int(expense["execution_datetime"][5:7])
    rows = remote.action.datastore_search(resource_id=resource["id"], limit=100,
                                          filters={"dept_nm_full": expense["department"], "exec_month": month})
    labels = {f["id"]: f.get("info", {}).get("label") for f in rows["fields"]}
    assert labels["exec_amount"] == "금액(원)" and labels["exec_dt"] == "집행일시"
    types = {f["id"]: f["type"] for f in rows["fields"]}
    assert types["exec_amount"] == "numeric" and types["exec_dt"] == "timestamp"
    assert rows["total"] >= 1 and all(r["dept_nm_full"] == expense["department"] for r in rows["records"])
    sql = remote.action.datastore_search_sql(
        sql=f'SELECT count(*) AS n, sum(exec_amount) AS total FROM "{resource["id"]}" '
            f"WHERE dept_nm_full = '{expense['department']}' AND exec_month = {month}")
    assert int(sql["records"][0]["n"]) == rows["total"]
    korean = remote.action.datastore_search(resource_id=resource["id"], limit=100, sort="금액(원) desc",
                                            filters={"부서명": expense["department"], "집행월": month})
    assert korean["total"] == rows["total"]
    by_get = requests.get(f"{remote.address}/api/3/action/datastore_search", timeout=30, params={
        "resource_id": resource["id"], "filters": json.dumps({"부서명": expense["department"], "집행월": month}),
        "fields": "집행일시,금액(원)"}).json()["result"]
    assert by_get["total"] == rows["total"] and set(by_get["records"][0]) == {"exec_dt", "exec_amount"}


def test_a_table_dumps_whole_as_csv(remote, live_server, plaza):
    resource = _expense_table(remote)
    dump = requests.get(f"{live_server}/datastore/dump/{resource['id']}?format=csv", timeout=30)
    assert dump.status_code == 200
    rows = list(csv.DictReader(io.StringIO(dump.content.decode("utf-8-sig"))))
    total = remote.action.datastore_search(resource_id=resource["id"], limit=0)["total"]
    assert len(rows) == total > 0 and "exec_amount" in rows[0]


def test_no_private_record_or_table_through_any_api_path(remote, live_server, plaza, private_table, private_record):
    dataset, resource = private_table
    assert remote.action.package_search(q=SECRET)["count"] == 0
    assert remote.action.package_search(q="유출금지", include_private=True)["count"] == 0  # anonymous
    for name in (dataset["name"], private_record["name"]):
        with pytest.raises(ckanapi.NotAuthorized):
            remote.action.package_show(id=name)
        with pytest.raises(ckanapi.NotAuthorized):
            remote.action.package_activity_list(id=name)
    with pytest.raises(ckanapi.NotAuthorized):
        remote.action.resource_show(id=resource["id"])
    with pytest.raises(ckanapi.NotAuthorized):
        remote.action.datastore_search(resource_id=resource["id"])
    with pytest.raises((ckanapi.NotAuthorized, ckanapi.ValidationError)):
        remote.action.datastore_search_sql(sql=f'SELECT * FROM "{resource["id"]}"')
    dump = requests.get(f"{live_server}/datastore/dump/{resource['id']}", timeout=30)
    assert dump.status_code in (403, 404) and SECRET not in dump.text
    recent = requests.get(f"{live_server}/api/3/action/recently_changed_packages_activity_list", timeout=30).text
    assert SECRET not in recent and "유출금지" not in recent


def test_no_masked_value_through_the_api_or_the_datastore(remote, live_server, plaza):
    bodies = [requests.get(f"{live_server}/api/3/action/package_show?id={name}", timeout=30).text
              for name in (plaza.public, plaza.partial, plaza.withheld)]
    bodies.append(requests.get(f"{live_server}/api/3/action/package_search?rows=100", timeout=30).text)
    resource = _expense_table(remote)
    bodies.append(requests.get(f"{live_server}/datastore/dump/{resource['id']}", timeout=30).text)
    for value in plaza.planted:
        assert not any(value in body for body in bodies), value


def test_the_api_guide_documents_actions_types_fields_and_a_live_table(app, remote, plaza):
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(app.get("/api-guide").body, "html.parser")
    assert soup.find("h1").get_text(strip=True) == "API 안내"
    types = {s.find("code").get_text(): s.find_parent("details") for s in soup.select("details summary")}
    assert len(types) == 31
    sanction_fields = [c.get_text() for c in types["sanction"].select("tbody td:first-child code")]
    assert {"document_number", "disclosure_class", "nondisclosure_ground"} <= set(sanction_fields)
    table = _expense_table(remote)
    example = soup.select_one("#datastore ~ pre code").get_text()
    assert table["id"] in example
    labels = [td.get_text() for td in soup.select("#datastore ~ div table tbody td:nth-child(3)")]
    assert "금액(원)" in labels
    limits = soup.select_one("#limits ~ ul").get_text()
    assert "1000" in limits and "32000" in limits
    english = BeautifulSoup(app.get("/en/api-guide").body, "html.parser")
    assert english.find("h1").get_text(strip=True) == "API guide"


def test_whole_type_dumps_hold_every_public_record_and_nothing_private(app, plaza, private_record, cli):
    from ckanext.seoulplaza import dumps
    from ckanext.seoulplaza.cli import seoulplaza
    shutil.rmtree(dumps.folder())  # storage outlives a test
    queued = cli.invoke(seoulplaza, ["dumps", "build", "sanction", "meeting"])
    assert queued.exit_code == 0 and "queued 2 dump jobs" in queued.output
    titles = {j["title"] for j in helpers.call_action("job_list", context=demo.site_context())}
    assert {"seoulplaza dump sanction", "seoulplaza dump meeting"} <= titles
    helpers.call_action("job_clear", context=demo.site_context())  # no worker runs in the tests
    written = cli.invoke(seoulplaza, ["dumps", "build", "sanction", "--now"])
    assert written.exit_code == 0, written.output
    csv_text = app.get("/dumps/sanction.csv").data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    public = helpers.call_action("package_search", fq="dataset_type:sanction", rows=0)["count"]
    assert len(rows) == public == 4 and {"문서번호", "공개구분"} <= set(rows[0])  # Korean headers
    assert all(row["기록 주소"].endswith(row["주소용 이름"]) for row in rows)
    jsonl = app.get("/dumps/sanction.jsonl").data.decode()
    assert len(jsonl.splitlines()) == 4
    for text in (csv_text, jsonl):
        assert private_record["name"] not in text and "유출금지" not in text
        assert not any(value in text for value in plaza.planted)
    page = app.get("/dumps").body
    assert "결재문서" in page and "/dumps/sanction.csv" in page
    app.get("/dumps/meeting.csv", status=404)   # queued, not written yet
    app.get("/dumps/nosuchtype.csv", status=404)
    assert [m["type"] for m in dumps.manifests()] == ["sanction"]
