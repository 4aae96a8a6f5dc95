"""Search facets by type, agency, theme, year and disclosure class; the theme group follows the theme."""
import json

import pytest
from ckan.tests import factories, helpers

from .conftest import PLUGINS
from .records import valid_record

pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS), pytest.mark.usefixtures("with_plugins", "themes")]
FACETS = ["dataset_type", "organization", "theme", "production_year", "disclosure_class", "groups"]


def test_facets_by_type_agency_theme_year_and_class():
    finance, welfare = factories.Organization(name="finance-dept"), factories.Organization(name="welfare-dept")
    for name, dataset_type, org, theme, date, disclosure in [
        ("doc-a", "sanction", finance, "세금재정", "2021-01-04", "공개"),
        ("doc-b", "sanction", welfare, "복지", "2021-03-02", "부분공개"),
        ("doc-c", "research", welfare, "복지", "2020-11-30", "공개"),
    ]:
        extra = {"nondisclosure_ground": "6"} if disclosure != "공개" else {}
        helpers.call_action("package_create", **valid_record(
            dataset_type, org["id"], name=name, source_id=name, theme=theme, production_date=date,
            disclosure_class=disclosure, **extra))

    result = helpers.call_action("package_search", **{"facet.field": json.dumps(FACETS)})

    assert result["facets"]["dataset_type"] == {"sanction": 2, "research": 1}
    assert result["facets"]["organization"] == {"welfare-dept": 2, "finance-dept": 1}
    assert result["facets"]["theme"] == {"복지": 2, "세금재정": 1}
    assert result["facets"]["groups"] == {"welfare": 2, "tax-finance": 1}
    assert result["facets"]["production_year"] == {"2021": 2, "2020": 1}
    assert result["facets"]["disclosure_class"] == {"공개": 2, "부분공개": 1}
    types = {i["name"]: i["display_name"] for i in result["search_facets"]["dataset_type"]["items"]}
    assert types == {"sanction": "Approval documents", "research": "Policy research"}  # test locale: en
    assert [d["name"] for d in helpers.call_action(
        "package_search", fq='theme:"복지" +production_year:2021')["results"]] == ["doc-b"]
    assert helpers.call_action("package_search", fq="production_date:[2021-01-01T00:00:00Z TO *]")["count"] == 2


def test_the_theme_group_follows_the_theme():
    record = helpers.call_action("package_create", **valid_record("sanction", factories.Organization()["id"]))
    assert [g["name"] for g in record["groups"]] == ["welfare"]
    moved = helpers.call_action("package_patch", id=record["id"], theme="교통")
    assert [g["name"] for g in moved["groups"]] == ["transport"]
    cleared = helpers.call_action("package_patch", id=record["id"], theme="")
    assert cleared["groups"] == []
    assert helpers.call_action("group_show", id="transport", include_datasets=True)["package_count"] == 0
