"""The 31 information types: they load, accept a valid record, refuse invalid ones in Korean."""
import re
from pathlib import Path

import pytest
import yaml
from ckan.tests import factories, helpers

from .conftest import PLUGINS
from .records import type_fields, valid_record

ROOT = Path(__file__).resolve().parents[2]
TYPE_FILES = sorted(p for p in (ROOT / "schemas").glob("*.yaml") if p.name != "presets.yaml")
SHARED = ["title", "name", "notes", "owner_org", "department", "official", "production_date", "source_system",
          "source_id", "disclosure_class", "nondisclosure_ground", "disclosure_date", "retention_period",
          "license_id", "theme", "tag_string"]
pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS), pytest.mark.usefixtures("with_plugins")]


def schema(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_there_are_31_types_each_with_the_shared_fields_first():
    assert len(TYPE_FILES) == 31
    for path in TYPE_FILES:
        fields = [f["field_name"] for f in schema(path)["dataset_fields"]]
        assert fields[:len(SHARED)] == SHARED, path.name
        assert schema(path)["type_label"]["ko_KR"], path.name


def test_every_type_is_configured_for_the_portal_and_the_tests():
    for ini in (ROOT / "config/ckan.ini.tmpl", ROOT / "test.ini"):
        listed = [n for n in re.findall(r"schemas:(\w+)\.yaml", ini.read_text()) if n != "presets"]
        assert sorted(listed) == sorted(p.stem for p in TYPE_FILES), ini.name


def test_scheming_lists_all_31_types():
    types = helpers.call_action("scheming_dataset_schema_list")
    assert sorted(types) == sorted(p.stem for p in TYPE_FILES)


@pytest.mark.usefixtures("themes")
@pytest.mark.parametrize("dataset_type", [p.stem for p in TYPE_FILES])
def test_a_valid_record_of_every_type_is_stored_with_typed_values(dataset_type):
    org = factories.Organization()
    record = valid_record(dataset_type, org["id"])
    created = helpers.call_action("package_create", **record)
    assert created["type"] == dataset_type
    assert created["production_date"] == "2024-02-01"
    assert created["license_id"] == "cc-by"
    assert [g["name"] for g in created["groups"]] == ["welfare"]  # the theme's group
    for field in type_fields(dataset_type):
        if field["field_name"] in record:
            assert created[field["field_name"]] not in (None, ""), field["field_name"]
    shown = helpers.call_action("package_show", id=created["id"])
    assert shown["title"] == "청년수당 지급 계획"


@pytest.mark.usefixtures("themes")
@pytest.mark.parametrize("dataset_type", [p.stem for p in TYPE_FILES])
def test_every_type_has_a_create_form_and_a_page(app, dataset_type):
    headers = {"Authorization": factories.SysadminWithToken()["token"]}
    form = app.get(f"/{dataset_type}/new", headers=headers)
    assert 'name="production_date"' in form.body and 'name="disclosure_class"' in form.body
    for field in type_fields(dataset_type):
        assert f'name="{field["field_name"]}"' in form.body, field["field_name"]
    record = helpers.call_action("package_create", **valid_record(dataset_type, factories.Organization()["id"]))
    page = app.get(f"/{dataset_type}/{record['name']}")
    assert "청년수당 지급 계획" in page.body and "Production date" in page.body
