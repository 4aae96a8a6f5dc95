"""Harvested attachments in the formats agencies write (issue 19): an XLSX is
published as a masked file and as DataStore tables, an HWP 5 as the masked
PDF and text, and a protected HWP is refused and listed, never published."""
import io
from pathlib import Path

import pytest
from ckan.lib.uploader import ResourceUpload
from ckan.tests import helpers
from openpyxl import load_workbook

from harvesters import run
from tests.conftest import PLUGINS
from tests.masking import writers
from tests.masking.test_document import leaks
from tests.masking.test_spreadsheets import every_part

pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS),
              pytest.mark.usefixtures("with_plugins", "app")]

APPLICANTS = [["청년수당 신청자"], ["성명", "연락처", "신청일"], ["박민수", "031-987-6543", "2026-01-02"],
              ["최지현", "02-555-1212", "2026-01-03"]]
PRIVATE = ["박민수", "031-987-6543", "최지현", "02-555-1212"]


def _attach(served, record_id, file_id, data):
    served.store.records[record_id]["attachments"] = [{"id": file_id, "name": file_id, "format": ""}]
    served.store.records[record_id]["disclosure"] = {"class": "공개"}  # no marked part to find in our text
    served.store.replace_file(file_id, data)


def _file(resource):
    return Path(ResourceUpload({}).get_path(resource["id"])).read_bytes()


def test_spreadsheets_and_hwp_are_published_and_a_protected_hwp_is_refused(standin):
    served = standin("edms", 3)
    table_record, hwp_record, protected_record = list(served.store.records)
    reply = writers.hwp(["민원 회신", "민원인 김철수 님께 회신합니다."], [r for r in APPLICANTS[1:]])
    _attach(served, table_record, "신청자.xlsx", writers.xlsx({"신청자": APPLICANTS}, author="김작성"))
    _attach(served, hwp_record, "회신.hwp", reply)
    _attach(served, protected_record, "배포본.hwp", writers.protected(reply, writers.DISTRIBUTION))

    summary = run.run_source(served.source)

    assert summary.created == 2 and len(summary.errors) == 1, summary.errors
    (error,) = summary.errors
    assert protected_record in error and "배포본.hwp" in error and "배포용" in error
    assert helpers.call_action("package_search", q=f"source_id:{protected_record}")["count"] == 0

    dataset = helpers.call_action("package_show", id=f"sanction-{table_record}")
    by_name = {r["name"]: r for r in dataset["resources"]}
    workbook = by_name["신청자 (개인정보 가림)"]
    assert workbook["format"] == "XLSX" and workbook["resource_role"] == "data"
    sheet = load_workbook(io.BytesIO(_file(workbook)))["신청자"]
    assert [c.value for c in sheet[3]] == ["[성명]", "[전화번호]", "2026-01-02"]
    table = by_name["신청자 — 신청자"]
    rows = helpers.call_action("datastore_search", resource_id=table["id"], sort="_id")
    assert [f["id"] for f in rows["fields"]] == ["_id", "성명", "연락처", "신청일"]
    assert [(r["성명"], r["연락처"], r["신청일"]) for r in rows["records"]] == [
        ("[성명]", "[전화번호]", "2026-01-02"), ("[성명]", "[전화번호]", "2026-01-03")]
    assert {r["resource_role"] for r in dataset["resources"]} == {"data", "published_pdf", "original"}

    letter = helpers.call_action("package_show", id=f"sanction-{hwp_record}")
    text = _file(next(r for r in letter["resources"] if r["resource_role"] == "original")).decode()
    assert "성명\t연락처\t신청일\n[성명]\t[전화번호]\t2026-01-02" in text and "민원인 [성명]" in text

    files = [(r["format"], _file(r)) for d in (dataset, letter) for r in d["resources"] if r["url_type"] == "upload"]
    assert sorted(f for f, _ in files) == ["PDF", "PDF", "TXT", "TXT", "XLSX"]
    for value in PRIVATE + ["김철수", "김작성"]:
        for kind, data in files:
            if kind == "PDF":
                assert leaks(data, value) == [], value
            else:
                assert value not in (every_part(data) if kind == "XLSX" else data.decode()), value
