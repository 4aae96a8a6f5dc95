"""The demo: the real Seoul lists load into their information types, idempotently."""
import pytest
from ckan.tests import helpers

from ckanext.seoulplaza.cli import seoulplaza

from .conftest import PLUGINS

pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS + " datastore"),
              pytest.mark.usefixtures("with_plugins", "clean_db", "clean_datastore", "app")]


def test_the_four_lists_load_into_their_types_with_real_values(cli, seoul_data):
    first = cli.invoke(seoulplaza, ["demo", "load", "--data-dir", str(seoul_data)])
    assert first.exit_code == 0, first.output
    for line in ("sanction datasets: 346 created", "proactive datasets: 37 created, 0 updated, 0 unchanged, 0 skipped",
                 "research datasets: 191 created, 0 updated, 0 unchanged, 0 skipped, 1 with warnings",
                 "expense datasets: 238 created",
                 "업무추진비 DataStore table rows: 238 created"):
        assert line in first.output, first.output

    facets = helpers.call_action("package_search", **{"facet.field": '["dataset_type", "theme"]'})["facets"]
    assert facets["dataset_type"] == {"sanction": 346, "expense": 238, "research": 191, "proactive": 37,
                                      "opendata": 1}
    assert facets["theme"]["환경"] == 139  # research_list category 환경
    sanction = helpers.call_action("package_show", id="sanction-210074796798000")
    assert sanction["source_system"] == "업무관리시스템" and sanction["production_date"].startswith("2021-01")
    research = helpers.call_action("package_show", id="research-6410039")
    assert (research["isbn"], research["organization"]["title"]) == ("978-89-6298-319-7", "서울시복지재단")
    expense = helpers.call_action("package_search", fq="type:expense", q="품셈단가표")["results"][0]
    assert (expense["amount"], expense["payment_method"]) == ("100000", "제로페이")
    assert expense["organization"]["title"] == "안전총괄과"
    parent = helpers.call_action("organization_show", id=expense["organization"]["name"])
    assert {e["key"]: e["value"] for e in parent["extras"]}["agency_type"] == "사업소"

    again = cli.invoke(seoulplaza, ["demo", "load", "--data-dir", str(seoul_data)])
    for what, n in (("sanction", 346), ("proactive", 37), ("research", 191), ("expense", 238)):
        assert f"{what} datasets: 0 created, 0 updated, {n} unchanged, 0 skipped" in again.output, again.output
    assert "warning 20201101_20201130_research_list.csv row 19 (research-6410055): kept without isbn" in again.output
