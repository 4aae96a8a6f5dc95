"""Harvesting the four stand-in systems: end to end, idempotent, incremental,
resumable, and with nothing private left anywhere."""
import datetime as dt
import json
from pathlib import Path

import pytest
from ckan import model
from ckan.lib.uploader import ResourceUpload
from ckan.tests import helpers
from sqlalchemy import text

from harvesters import base, disclosure, run
from masking.extract import extract

from tests.conftest import PLUGINS

# `app` after the plugins: package_show builds download URLs with the types' blueprints
pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS),
              pytest.mark.usefixtures("with_plugins", "app")]


def _ids_by_class(store, klass, n):
    return [i for i, r in store.records.items() if r["disclosure"]["class"] == klass][:n]


def _file(resource):
    return Path(ResourceUpload({}).get_path(resource["id"])).read_bytes()


def test_approval_documents_publish_by_disclosure_class(standin, seoul_data):
    from harvesters.standins import build
    full = build("edms", seoul_data)
    keep = _ids_by_class(full, "공개", 3) + _ids_by_class(full, "부분공개", 2) + _ids_by_class(full, "비공개", 1)
    served = standin("edms", keep)
    served.store.records[keep[5]]["disclosure"].update(opens_on=None)  # stays closed
    summary = run.run_source(served.source)
    assert (summary.created, summary.errors) == (6, []), summary.line()
    assert summary.findings["person_name"] >= 5
    public, partial, withheld = (keep[0], keep[3], keep[5])
    shown = helpers.call_action("package_show", id=f"sanction-{public}")
    assert shown["source_system"] == "업무관리시스템" and shown["source_id"] == public
    roles = sorted(r["resource_role"] for r in shown["resources"])
    assert roles == ["original", "published_pdf"]
    pdf = next(r for r in shown["resources"] if r["resource_role"] == "published_pdf")
    assert _file(pdf).startswith(b"%PDF")
    part = helpers.call_action("package_show", id=f"sanction-{partial}")
    assert part["disclosure_class"] == "부분공개" and part["nondisclosure_ground"] in "567"
    body = _file(next(r for r in part["resources"] if r["resource_role"] == "original")).decode()
    assert "[비공개: 제9조 제1항 제" in body and "협상 상대방" not in body
    closed = helpers.call_action("package_show", id=f"sanction-{withheld}")
    assert closed["disclosure_class"] == "비공개" and closed["resources"] == []
    assert closed["nondisclosure_ground"] in "567"


@pytest.mark.parametrize("system, keep, types", [
    ("minutes", None, {"meeting": 24}),
    ("budget", ["expense-2020-12", "BUDGET-2021-GENERAL", "SP-2020-000", "21885403-000"],
     {"opendata": 1, "budget": 1, "spending": 1, "expense": 1}),
    ("admin", 6, None),
])
def test_each_system_harvests_into_its_types(standin, system, keep, types):
    served = standin(system, keep)
    summary = run.run_source(served.source)
    assert summary.errors == [] and summary.created == len(served.store.records), summary.line()
    facets = helpers.call_action("package_search", **{"facet.field": '["dataset_type"]'})["facets"]
    expected = types or {}
    for record in served.store.records.values():
        if types is None:
            expected[record["kind"]] = expected.get(record["kind"], 0) + 1
    assert facets["dataset_type"] == expected


def test_meetings_show_their_lifecycle(standin):
    served = standin("minutes")
    run.run_source(served.source)
    held = helpers.call_action("package_search", fq="meeting_status:완료", rows=50)["results"]
    ahead = helpers.call_action("package_search", fq="meeting_status:예정", rows=50)["results"]
    assert held and ahead
    assert all(m["video_url"] and len(m["resources"]) == 2 for m in held)
    assert all(not m.get("video_url") and m["resources"] == [] for m in ahead)


def test_budget_tables_load_into_the_datastore_typed_and_masked(standin):
    served = standin("budget", ["expense-2020-12", "BUDGET-2021-GENERAL"])
    run.run_source(served.source)
    table = helpers.call_action("package_show", id="expense-2020-12")
    (resource,) = table["resources"]
    rows = helpers.call_action("datastore_search", resource_id=resource["id"],
                               filters={"dept_nm_lvl_4": "안전총괄과", "exec_month": 12}, limit=500)
    types = {f["id"]: f["type"] for f in rows["fields"]}
    assert rows["total"] > 0 and types["exec_amount"] == "numeric" and types["exec_dt"] == "timestamp"
    labels = {f["id"]: f.get("info", {}).get("label") for f in rows["fields"]}
    assert labels["exec_amount"] == "금액(원)"


def test_reharvest_is_idempotent_and_incremental(standin):
    served = standin("admin", 6)
    first = run.run_source(served.source)
    again = run.run_source(served.source)
    assert (again.fetched, again.created, again.updated, again.unchanged) == (0, 0, 0, 0), again.line()
    assert helpers.call_action("package_search")["count"] == first.created == 6


def test_a_run_restores_published_files_lost_from_storage(standin):
    served = standin("edms", 3)
    run.run_source(served.source)
    shown = [helpers.call_action("package_show", id=f"sanction-{guid}") for guid in served.store.records]
    pdf = next(r for record in shown for r in record["resources"] if r["resource_role"] == "published_pdf")
    lost = Path(ResourceUpload({}).get_path(pdf["id"]))
    lost.unlink()
    again = run.run_source(served.source)
    assert (again.fetched, again.updated, again.errors) == (1, 1, []), again.line()
    assert lost.read_bytes().startswith(b"%PDF")


def test_change_and_withdrawal_at_the_source_propagate(standin):
    served = standin("admin", 6)
    run.run_source(served.source)
    changed, gone = list(served.store.records)[:2]
    served.store.change(changed, title="변경된 사전정보공표 제목")
    served.store.withdraw(gone)
    summary = run.run_source(served.source)
    assert (summary.fetched, summary.updated, summary.withdrawn) == (1, 1, 1), summary.line()
    assert helpers.call_action("package_show", id=f"proactive-{changed}")["title"] == "변경된 사전정보공표 제목"
    assert helpers.call_action("package_search", q="변경된")["count"] == 1
    assert model.Package.get(f"proactive-{gone}").state == "deleted"
    assert helpers.call_action("package_search")["count"] == 5


def test_a_killed_run_resumes_to_the_same_state_as_a_clean_run(standin, monkeypatch):
    served = standin("admin", 8)
    real_import, calls = base.SeoulPlazaHarvester.import_stage, []

    def dies_at_the_fourth(self, obj):
        calls.append(obj.guid)
        if len(calls) == 4:
            raise KeyboardInterrupt  # the process is killed mid-import
        return real_import(self, obj)

    monkeypatch.setattr(base.SeoulPlazaHarvester, "import_stage", dies_at_the_fourth)
    with pytest.raises(KeyboardInterrupt):
        run.run_source(served.source)
    monkeypatch.setattr(base.SeoulPlazaHarvester, "import_stage", real_import)
    model.Session.rollback()
    resumed = run.run_source(served.source)
    assert resumed.interrupted == 5 and resumed.fetched == 5 and resumed.errors == [], resumed.line()
    names = {p["name"] for p in helpers.call_action("package_search", rows=100)["results"]}
    assert len(names) == 8 and len(served.store.records) == 8
    assert run.run_source(served.source).fetched == 0


def test_a_bad_record_is_reported_and_the_run_goes_on(standin):
    served = standin("edms", 4)
    bad = list(served.store.records)[1]
    attachment = served.store.records[bad]["attachments"][0]
    served.store.replace_file(attachment["id"], b"%PDF-1.4 this is not a pdf")
    served.store.records[bad]["attachments"][0]["id"] = attachment["id"].rsplit(".", 1)[0] + ".pdf"
    served.store.files[served.store.records[bad]["attachments"][0]["id"]] = lambda: b"%PDF-1.4 broken"
    summary = run.run_source(served.source)
    assert summary.created == 3 and len(summary.errors) == 1, summary.line()
    assert bad in summary.errors[0] and "attachment" in summary.errors[0]
    assert helpers.call_action("package_search")["count"] == 3


def test_a_due_record_opens(standin, monkeypatch):
    served = standin("edms", None)
    closed = _ids_by_class(served.store, "비공개", 1)[0]
    served.store.records = {closed: served.store.records[closed]}
    opens = dt.date.today() + dt.timedelta(days=30)
    served.store.records[closed]["disclosure"].update(opens_on=opens.isoformat(), ground=5)
    run.run_source(served.source)
    assert helpers.call_action("package_show", id=f"sanction-{closed}")["resources"] == []
    assert run.open_due(today=opens - dt.timedelta(days=1)) == []
    monkeypatch.setattr(disclosure, "today", lambda: opens)
    (summary,) = run.open_due(today=opens)
    assert summary.updated == 1, summary.line()
    opened = helpers.call_action("package_show", id=f"sanction-{closed}")
    assert opened["disclosure_class"] == "공개" and len(opened["resources"]) == 2


def test_nothing_private_is_reachable_anywhere(standin, app, seoul_data):
    from harvesters.standins import build
    full = build("edms", seoul_data)
    keep = _ids_by_class(full, "부분공개", 2) + _ids_by_class(full, "비공개", 1)
    served = standin("edms", keep)
    served.store.records[keep[2]]["disclosure"].update(opens_on=None)  # stays closed
    run.run_source(served.source)
    private = [value for rid in keep for _kind, value in served.store.planted[rid]]
    assert len(private) > 10
    datasets = [helpers.call_action("package_show", id=f"sanction-{rid}") for rid in keep]
    # the public words still find the record, through its masked text
    assert helpers.call_action("package_search", q="다산콜센터")["count"] == 2
    places = {"package_show": json.dumps(datasets, ensure_ascii=False)}
    for dataset in datasets:
        for resource in dataset["resources"]:
            page = app.get(f"/dataset/{dataset['id']}/resource/{resource['id']}/download/x")
            places[f"download {resource['name']}"] = page.get_data().decode("utf-8", "replace")
            if resource["format"] == "PDF":
                places[f"pdf text {resource['name']}"] = extract(page.get_data(), "x.pdf").text
        activity = helpers.call_action("package_activity_list", id=dataset["id"], include_hidden_activity=True)
        places[f"activity {dataset['name']}"] = json.dumps(activity, ensure_ascii=False)
        places[f"page {dataset['name']}"] = app.get(f"/sanction/{dataset['name']}").get_data(as_text=True)
    rows = model.Session.execute(text("select doc::text || terms::text || text_terms::text || tsv::text from seoulplaza_search_doc")).all()
    places["search index"] = "\n".join(r[0] for r in rows)
    places["harvest objects"] = "\n".join(
        r[0] or "" for r in model.Session.execute(text("select content from harvest_object")).all())
    for value in private:
        assert helpers.call_action("package_search", q=f'"{value}"')["count"] == 0, value
        for where, content in places.items():
            assert value not in content, f"{value!r} leaks through {where}"


def test_harvest_objects_are_for_sysadmins_only(standin, app):
    served = standin("admin", 1)
    run.run_source(served.source)
    (object_id,) = [r[0] for r in model.Session.execute(text("select id from harvest_object")).all()]
    assert app.get(f"/api/3/action/harvest_object_show?id={object_id}", status=403)
