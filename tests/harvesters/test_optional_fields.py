"""Issue 25: a record whose optional field the source sent malformed is
published without it (or with a safe stand-in), and its stewards are warned
on the record's page and in the harvest job report; a record that cannot be
published safely is still skipped and reported."""
import pytest
from ckan import model
from ckan.tests import factories, helpers
from ckanext.harvest.model import HarvestJob

from harvesters import run

from tests.conftest import PLUGINS

pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS), pytest.mark.usefixtures("with_plugins", "app")]

MISTYPED = "6410055"  # research_list2020: ISBN 978-89-6289-302-9, whose check digit is wrong


def _only(served, record_id, **changes):
    """The stand-in serving just ``record_id`` (its documents aside), with ``changes``."""
    record = served.store.records[record_id]
    record["attachments"] = []
    for key, value in changes.items():
        if key == "disclosure":
            record["disclosure"].update(value)
        else:
            record["fields"][key] = value
    served.store.records = {record_id: record}
    return record


def test_the_real_record_with_a_mistyped_isbn_is_published_and_its_stewards_warned(standin, app):
    served = standin("admin", [MISTYPED, "6410038"])
    summary = run.run_source(served.source)
    assert (summary.created, summary.errors) == (2, []), summary.line()
    (warning,) = summary.warnings
    assert MISTYPED in warning and "978-89-6289-302-9" in warning and "ISBN" in warning
    published = helpers.call_action("package_show", id=f"research-{MISTYPED}")
    assert published["title"] == "2014 중도장애인 가족을 위한 가이드북" and not published.get("isbn")
    assert helpers.call_action("package_search", q="중도장애인 가이드북")["count"] == 1

    job = model.Session.query(HarvestJob).one()
    report = helpers.call_action("harvest_job_report", id=job.id)
    assert [e["message"] for o in report["object_errors"].values() for e in o["errors"]] == [warning]

    org = published["owner_org"]
    editor, outsider = factories.User(), factories.User()
    helpers.call_action("organization_member_create", {"user": factories.Sysadmin()["name"]}, id=org,
                        username=editor["name"], role="editor")
    page = f"/research/{published['name']}"
    for who, sees in ((factories.Sysadmin(), True), (editor, True), (outsider, False), (None, False)):
        headers = {"Authorization": factories.APIToken(user=who["name"])["token"]} if who else {}
        body = app.get(page, headers=headers).get_data(as_text=True)
        assert ("978-89-6289-302-9" in body) is sees, who and who["name"]
    # a steward who fills the field in has dealt with the warning
    helpers.call_action("package_patch", {"user": editor["name"]}, id=published["id"], isbn="978-89-6289-302-1")
    body = app.get(page, headers={"Authorization": factories.APIToken(user=editor["name"])["token"]})
    assert "978-89-6289-302-9" not in body.get_data(as_text=True)


# (system, record kind, source column → malformed value, dataset field, what is published instead)
SIBLINGS = [
    ("admin", "research", {"creat_yr": "20l4"}, "creation_year", None),
    ("admin", "research", {"url": "opengov.seoul.go.kr/research/1"}, "original_url", None),
    ("admin", "research", {"regist_dt": "2015년 10월 22일"}, "registered_at", None),
    ("admin", "research", {"relm": "보고서"}, "material_type", None),
    ("admin", "research", {"cpyrht": "CC BY 5.0"}, "license_id", "notspecified"),
    ("admin", "proactive", {"telno": "2133-12"}, "phone", None),
    ("edms", "sanction", {"src_dept_doc_no": "1234"}, "document_number", None),
    ("edms", "sanction", {"othbc_pd": "2년"}, "retention_period", None),
    ("edms", "sanction", {"approval_date": "2021.13.01"}, "approval_date", None),
    ("edms", "sanction", {"disclosure": {"class": "비공개", "ground": 9}}, "nondisclosure_ground", "unstated"),
    ("edms", "sanction", {"disclosure": {"class": "비공개", "ground": 6, "opens_on": "2031-02-30"}},
     "disclosure_date", None),
    ("edms", "sanction", {"disclosure": {"class": "부분공개", "ground": 5, "opens_on": "미정"}}, "disclosure_date", None),
    ("budget", "spending", {"budget_amount": "-5"}, "budget_amount", None),
    ("budget", "spending", {"fiscal_year": "20"}, "fiscal_year", None),
    ("budget", "table", {"tags": "업무추진비,재정|정보"}, "tags", None),
    ("minutes", "meeting", {"video_url": "tv.seoul.go.kr/vod/1"}, "video_url", None),
]


@pytest.mark.parametrize("system, kind, changes, field, instead", SIBLINGS,
                         ids=[f"{k}-{f}-{list(c)[0]}" for _s, k, c, f, _i in SIBLINGS])
def test_a_malformed_optional_field_is_left_out_or_replaced_with_a_warning(standin, system, kind, changes,
                                                                          field, instead):
    served = standin(system)
    record_id = next(i for i, r in served.store.records.items() if r["kind"] == kind
                     and (kind != "meeting" or r["fields"]["meeting_status"] == "완료"))
    _only(served, record_id, **changes)
    summary = run.run_source(served.source)
    assert (summary.created, summary.errors, len(summary.warnings)) == (1, [], 1), summary.line()
    assert record_id in summary.warnings[0]
    (published,) = helpers.call_action("package_search", include_private=True)["results"]
    if field == "tags":
        assert published["tags"] == []
    else:
        assert published.get(field) in ((None, "") if instead is None else (instead,)), published.get(field)
    if "disclosure" in changes:
        assert published["disclosure_class"] == changes["disclosure"]["class"] and published["resources"] == []


def test_minutes_and_video_of_a_meeting_not_yet_held_are_left_out(standin):
    served = standin("minutes")
    record_id = next(i for i, r in served.store.records.items() if r["fields"]["meeting_status"] == "예정")
    _only(served, record_id, video_url="https://tv.seoul.go.kr/vod/early")
    summary = run.run_source(served.source)
    assert (summary.created, summary.errors, len(summary.warnings)) == (1, [], 1), summary.line()
    assert not helpers.call_action("package_search")["results"][0].get("video_url")


@pytest.mark.parametrize("changes, problem", [
    ({"doc_prdctn_dt": "20211345"}, "날짜는 YYYY-MM-DD"),           # required by every type
    ({"title": ""}, "title is empty"),                      # the mapping cannot name it
    ({"disclosure": {"class": "반공개"}}, "disclosure class"),  # who may see it is unknown
    ({"disclosure": {"class": "부분공개", "nonpublic": [{"text": "x", "ground": "x"}]}}, "non-public part"),
])
def test_a_record_that_cannot_be_published_safely_is_skipped_and_reported(standin, changes, problem):
    served = standin("edms")
    record_id = next(iter(served.store.records))
    _only(served, record_id, **changes)
    summary = run.run_source(served.source)
    assert (summary.created, len(summary.errors)) == (0, 1), summary.line()
    assert record_id in summary.errors[0] and problem in summary.errors[0], summary.errors
    assert helpers.call_action("package_search", include_private=True)["count"] == 0


# A malformed value for each kind of optional field the schemas validate.
MALFORMED = {
    "seoulplaza_date": "2024-13-45", "seoulplaza_datetime": "어제 오후", "seoulplaza_year": "20",
    "seoulplaza_amount": "-5", "seoulplaza_count": "열두", "seoulplaza_url": "opengov.seoul.go.kr/x",
    "seoulplaza_phone": "2133-12", "seoulplaza_document_number": "1234", "seoulplaza_district": "분당구",
    "seoulplaza_isbn": "978-89-6298-319-8", "seoulplaza_frequency": "격주", "seoulplaza_account": "잡회계",
    "seoulplaza_choice": "목록에 없는 값",
}
SHARED = {"retention_period": "2년", "theme": "우주", "disclosure_date": "2024-01-01",  # before production
          "tag_string": "청년,수당|지원"}


def _optional_fields():
    from tests.schemas.records import PRESETS, SCHEMAS, type_fields
    for path in sorted(SCHEMAS.glob("*.yaml")):
        if path.stem == "presets":
            continue
        for field in type_fields(path.stem):
            preset = PRESETS[field["preset"]]
            if not (field.get("required") or preset.get("required")) and field["preset"] in MALFORMED:
                yield path.stem, field["field_name"], MALFORMED[field["preset"]]
        for name, value in SHARED.items():
            yield path.stem, name, value


@pytest.mark.usefixtures("clean_db", "clean_index")
def test_every_optional_validated_field_of_every_type_is_left_out_when_malformed():
    """The siblings by schema: each information type's optional fields with a
    validator, judged by ``publishable`` as the harvest judges a record."""
    from harvesters.optional_fields import publishable
    from tests.schemas.records import valid_record
    from ckanext.seoulplaza.demo import site_context

    org = factories.Organization()["id"]
    cases = list(_optional_fields())
    assert len(cases) > 31 * len(SHARED)  # every type's own fields besides the shared ones
    wrong = []
    for dataset_type, name, value in cases:
        record = valid_record(dataset_type, org, **{name: value})
        dataset, warnings = publishable(site_context(), record)
        if [w.field for w in warnings] != [name] or name in dataset:
            wrong.append((dataset_type, name, value, warnings))
    assert wrong == []
