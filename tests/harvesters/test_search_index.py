"""Issue 25: harvested datasets carry their harvest source and object in the
search index, so clearing a source (ckanext-harvest's ``harvest_source_clear``,
the Clear button) leaves no trace in search; ``ckan seoulplaza search-index
check [--repair]`` finds and mends every difference between the database and
the index."""
import pytest
import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan import model
from ckan.lib import search
from ckan.tests import helpers
from ckanext.harvest.model import HarvestObject

from ckanext.seoulplaza import index_check
from ckanext.seoulplaza.cli import seoulplaza
from harvesters import run

from tests.conftest import PLUGINS

pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS), pytest.mark.usefixtures("with_plugins", "app")]


def _source_id(served):
    return helpers.call_action("harvest_source_show", id=served.source)["id"]


def _found(**params):
    return helpers.call_action("package_search", include_private=True, rows=1000, **params)


def _current(package_id):
    return model.Session.query(HarvestObject).filter_by(package_id=package_id, current=True).one()


def test_harvested_datasets_carry_their_harvest_source_and_object_in_the_index(standin):
    served = standin("admin", 6)
    run.run_source(served.source)
    source_id = _source_id(served)
    assert _found(fq=f'harvest_source_id:"{source_id}"')["count"] == 6
    changed = list(served.store.records)[0]
    served.store.change(changed, title="바뀐 제목의 사전정보공표")
    assert run.run_source(served.source).updated == 1
    dataset = helpers.call_action("package_show", id=f"proactive-{changed}")
    newest = _current(dataset["id"]).id
    (hit,) = _found(fq=f'harvest_object_id:"{newest}"')["results"]
    assert hit["title"] == "바뀐 제목의 사전정보공표"
    assert {e["key"]: e["value"] for e in hit["extras"]}["harvest_source_id"] == source_id


def test_clearing_a_source_leaves_no_trace_in_search_and_a_reharvest_no_double(standin):
    served = standin("admin", 6)
    first = run.run_source(served.source)
    assert first.created == 6
    name = f"proactive-{list(served.store.records)[0]}"
    helpers.call_action("harvest_source_clear", {"user": helpers.call_action("get_site_user")["name"]},
                        id=_source_id(served))
    assert _found()["count"] == 0
    assert model.Session.execute(sa.text("SELECT count(*) FROM seoulplaza_search_doc "
                                         "WHERE doc->>'dataset_type' <> 'harvest'")).scalar() == 0
    again = run.run_source(served.source)
    assert (again.created, again.errors) == (6, []), again.line()
    assert _found()["count"] == 6
    assert _found(fq=f'name:"{name}"')["count"] == 1
    assert index_check.check().differences == 0


def test_delete_by_query_on_the_harvest_fields_removes_exactly_those_documents(standin):
    served = standin("admin", 4)
    run.run_source(served.source)
    one = helpers.call_action("package_show", id=f"proactive-{list(served.store.records)[0]}")
    connection = search.make_connection()
    site = f'+site_id:"{tk.config["ckan.site_id"]}"'
    connection.delete(q=f'+harvest_object_id:"{_current(one["id"]).id}" {site}')
    assert _found()["count"] == 3 and _found(fq=f'id:"{one["id"]}"')["count"] == 0
    connection.delete(q=f'+harvest_source_id:"{_source_id(served)}" {site}')
    assert _found()["count"] == 0


def _break_the_index(served):
    """One dataset of each kind of difference, made as they happen: a lost
    document, a change written past CKAN, a document indexed before its
    harvest source was known, and a dataset purged without its document."""
    ids = [helpers.call_action("package_show", id=f"proactive-{guid}")["id"] for guid in served.store.records]
    lost, changed, unsourced, purged = ids[:4]
    search.clear(lost)
    model.Session.execute(sa.text("UPDATE package SET title = '바깥에서 바뀐 제목', metadata_modified = now() "
                                  "WHERE id = :id"), {"id": changed})
    current = _current(unsourced)
    current.current = False
    model.Session.commit()
    search.rebuild(unsourced)  # indexed while no harvest object is current: no harvest_source_id
    current.current = True
    model.Session.commit()
    model.Session.execute(sa.text("DELETE FROM harvest_object_error WHERE harvest_object_id IN "
                                  "(SELECT id FROM harvest_object WHERE package_id = :id);"
                                  "DELETE FROM harvest_object_extra WHERE harvest_object_id IN "
                                  "(SELECT id FROM harvest_object WHERE package_id = :id);"
                                  "DELETE FROM harvest_object WHERE package_id = :id;"
                                  "DELETE FROM package_extra WHERE package_id = :id;"
                                  "DELETE FROM member WHERE table_id = :id;"
                                  "DELETE FROM package WHERE id = :id"), {"id": purged})
    model.Session.commit()
    return lost, changed, unsourced, purged


def test_the_check_reports_every_difference_and_the_repair_mends_them(standin, cli):
    served = standin("admin", 6)
    run.run_source(served.source)
    assert index_check.check().differences == 0
    lost, changed, unsourced, purged = _break_the_index(served)

    report = index_check.check()
    assert (report.missing, report.orphaned) == ([lost], [purged])
    assert set(report.stale) == {changed, unsourced}
    assert "metadata_modified" in report.stale[changed] and "harvest_source_id" in report.stale[unsourced]

    checked = cli.invoke(seoulplaza, ["search-index", "check"])
    assert checked.exit_code == 1
    assert f"missing {lost}" in checked.output and f"orphaned {purged}" in checked.output
    assert "missing 1, stale 2, orphaned 1" in checked.output

    repaired = cli.invoke(seoulplaza, ["search-index", "check", "--repair"])
    assert repaired.exit_code == 0, repaired.output
    assert "repaired 4, failed 0" in repaired.output and "missing 0, stale 0, orphaned 0" in repaired.output
    assert _found(q="바깥에서 바뀐 제목")["count"] == 1
    assert _found(fq=f'id:"{purged}"')["count"] == 0
    assert _found(fq=f'harvest_source_id:"{_source_id(served)}"')["count"] == 5
    assert cli.invoke(seoulplaza, ["search-index", "check"]).exit_code == 0
