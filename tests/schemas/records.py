"""A valid record of any information type, built from its schema."""
from __future__ import annotations

from pathlib import Path

import yaml

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"
PRESETS = {p["preset_name"]: p["values"] for p in yaml.safe_load((SCHEMAS / "presets.yaml").read_text())["presets"]}

# A typical valid value for each field kind (preset).
VALUES = {
    "seoulplaza_text": "서울시 자료", "seoulplaza_long_text": "첫째 줄\n둘째 줄", "seoulplaza_date": "2024-03-01",
    "seoulplaza_datetime": "2030-05-02 14:00", "seoulplaza_year": "2024", "seoulplaza_amount": "1,250,000",
    "seoulplaza_count": "12", "seoulplaza_url": "https://opengov.seoul.go.kr/x/1", "seoulplaza_phone": "02-2133-1234",
    "seoulplaza_document_number": "정보공개정책과-1234", "seoulplaza_district": "마포구", "seoulplaza_isbn": "978-89-6298-319-7",
    "seoulplaza_frequency": "월", "seoulplaza_account": "일반회계", "seoulplaza_meeting_status": "예정",
}


def type_fields(dataset_type: str) -> list[dict]:
    return yaml.safe_load((SCHEMAS / f"{dataset_type}.yaml").read_text())["dataset_fields"][16:]


def valid_record(dataset_type: str, owner_org: str, **overrides) -> dict:
    record = {"type": dataset_type, "name": f"{dataset_type}-record", "title": "청년수당 지급 계획",
              "owner_org": owner_org, "production_date": "2024-02-01", "disclosure_class": "공개",
              "department": "청년정책과", "official": "홍길동", "source_system": "업무관리시스템",
              "source_id": f"{dataset_type}-1", "retention_period": "5년", "license_id": "cc-by", "theme": "복지",
              "tag_string": "청년,수당"}
    for field in type_fields(dataset_type):
        preset = field["preset"]
        record[field["field_name"]] = (field["choices"][0]["value"] if preset == "seoulplaza_choice"
                                       else VALUES[preset])
    if dataset_type == "meeting":  # minutes belong to a held meeting
        record.pop("minutes_url"), record.pop("video_url")
    record.update(overrides)
    return record
