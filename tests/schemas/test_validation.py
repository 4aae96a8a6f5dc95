"""Invalid records are refused field by field, with Korean-first messages."""
import pytest
from ckan.plugins.toolkit import ValidationError
from ckan.tests import factories, helpers

from .conftest import PLUGINS
from .records import valid_record

pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS), pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")]


def refused(dataset_type, **overrides):
    record = valid_record(dataset_type, factories.Organization()["id"], **overrides)
    with pytest.raises(ValidationError) as e:
        helpers.call_action("package_create", **record)
    return e.value.error_dict


@pytest.mark.parametrize("dataset_type, overrides, field, message", [
    ("sanction", {"title": ""}, "title", "필수 항목입니다"),
    ("sanction", {"production_date": "2024-13-01"}, "production_date", "날짜는 YYYY-MM-DD 형식"),
    ("sanction", {"production_date": ""}, "production_date", "필수 항목입니다"),
    ("sanction", {"disclosure_class": "반공개"}, "disclosure_class", "목록에 없는 값입니다: 반공개"),
    ("sanction", {"disclosure_class": "부분공개"}, "nondisclosure_ground", "비공개 근거(정보공개법 제9조 제1항 1–8호)"),
    ("sanction", {"disclosure_class": "비공개", "nondisclosure_ground": "9"}, "nondisclosure_ground", "목록에 없는 값"),
    ("sanction", {"nondisclosure_ground": "6"}, "nondisclosure_ground", "공개 자료에는 비공개 근거를 둘 수 없습니다"),
    ("sanction", {"disclosure_class": "비공개", "nondisclosure_ground": "unstated", "source_system": ""},
     "nondisclosure_ground", "직접 등록한 자료는"),
    ("sanction", {"disclosure_date": "2024-01-01"}, "disclosure_date", "공개예정일은 생산일자(2024-02-01) 이후"),
    ("sanction", {"document_number": "1234"}, "document_number", "문서번호는 '부서명-번호' 형식"),
    ("sanction", {"license_id": "all-rights-reserved"}, "license_id", "알 수 없는 이용조건"),
    ("sanction", {"retention_period": "2년"}, "retention_period", "가능한 값: 1년, 3년"),
    ("sanction", {"theme": "우주"}, "theme", "가능한 값: 복지"),
    ("sanction", {"original_url": "opengov.seoul.go.kr"}, "original_url", "http:// 또는 https://"),
    ("research", {"isbn": "978-89-6298-319-8"}, "isbn", "올바른 ISBN·ISSN이 아닙니다"),
    ("research", {"creation_year": "20"}, "creation_year", "연도는 1900–2100"),
    ("proactive", {"phone": "2133-12"}, "phone", "전화번호 형식"),
    ("expense", {"amount": "-5000"}, "amount", "0 이상의 정수"),
    ("expense", {"amount": ""}, "amount", "필수 항목입니다"),
    ("expense", {"execution_datetime": "12월 3일"}, "execution_datetime", "YYYY-MM-DD HH:MM"),
    ("meeting", {"meeting_datetime": "2020-01-01 10:00"}, "meeting_status", "5일 전까지 안내"),
    ("meeting", {"minutes_url": "https://opengov.seoul.go.kr/m/1"}, "minutes_url", "완료"),
    ("construction", {"district": "분당구"}, "district", "목록에 없는 값"),
])
def test_invalid_values_are_refused_at_the_field(dataset_type, overrides, field, message):
    errors = refused(dataset_type, **overrides)
    assert field in errors, errors
    assert any(message in m for m in errors[field]), errors[field]


def test_a_source_record_maps_to_one_dataset():
    org = factories.Organization()["id"]
    helpers.call_action("package_create", **valid_record("sanction", org, source_id="S-1"))
    with pytest.raises(ValidationError) as e:
        helpers.call_action("package_create", **valid_record("sanction", org, name="other", source_id="S-1"))
    assert "원본 관리번호 S-1" in e.value.error_dict["source_id"][0]
    # the same id from another source system is another record
    helpers.call_action("package_create", **valid_record("sanction", org, name="third", source_id="S-1",
                                                         source_system="예산관리시스템"))


def test_a_harvested_withholding_without_stated_ground_says_so():
    record = helpers.call_action("package_create", **valid_record(
        "sanction", factories.Organization()["id"], disclosure_class="부분공개", nondisclosure_ground="unstated"))
    assert record["nondisclosure_ground"] == "unstated"


def test_values_are_normalised():
    record = helpers.call_action("package_create", **valid_record(
        "expense", factories.Organization()["id"], production_date="20240201",
        execution_datetime="2020-12-01 12:30", amount="45,000원"))
    assert (record["production_date"], record["execution_datetime"], record["amount"]) == (
        "2024-02-01", "2020-12-01T12:30:00", "45000")


def test_a_meeting_can_be_updated_after_it_was_announced():
    meeting = helpers.call_action("package_create", **valid_record("meeting", factories.Organization()["id"]))
    held = helpers.call_action("package_patch", id=meeting["id"], meeting_status="완료",
                               minutes_url="https://opengov.seoul.go.kr/m/1")
    assert held["minutes_url"] == "https://opengov.seoul.go.kr/m/1"
