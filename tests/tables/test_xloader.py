"""Steward uploads through xloader: Korean headers keep their meaning, CP949 and
Excel load, types come from the data dictionary, PII is masked on the way in."""
import io

import pytest
from openpyxl import Workbook

from ckan.tests import helpers

from .conftest import CP949_ONLY, HEADERS, PHONE, PLUGINS_WITH_XLOADER, csv_bytes, fields_of, rows_of

pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS_WITH_XLOADER),
              pytest.mark.usefixtures("with_plugins")]


def test_a_cp949_csv_with_korean_headers_loads_with_meaningful_ids_labels_and_types(xloader_site, expense_rows):
    resource = xloader_site(csv_bytes(expense_rows), "expense-2020-12.csv", format="CSV")
    fields = fields_of(resource["id"])
    assert fields["exec_dt"] == ("timestamp", "집행일시")
    assert fields["exec_amount"] == ("numeric", "금액(원)")
    assert fields["dept_nm_full"] == ("text", "부서명")
    assert fields["bigo"] == ("text", "비고")  # unknown to the glossary: romanised, still labelled
    assert [label for _type, label in fields.values()] == HEADERS
    rows = rows_of(resource["id"])
    assert len(rows) == len(expense_rows)
    assert rows[1]["exec_loc"] == CP949_ONLY  # decoded as CP949, not as EUC-KR or cp1252
    assert float(rows[0]["exec_amount"]) == float(expense_rows[0][9])
    assert rows[0]["exec_dt"].startswith(expense_rows[0][4].replace(" ", "T"))


def test_filters_by_department_and_month_by_id_or_by_korean_label(xloader_site, expense_rows):
    resource = xloader_site(csv_bytes(expense_rows), "expense.csv", format="CSV")
    department = expense_rows[5][1]
    expected = sorted(r[0] + r[4] for r in expense_rows if r[1] == department and r[3] == "12")
    assert expected and len(expected) < len(expense_rows)
    by_id = rows_of(resource["id"], filters={"dept_nm_full": department, "exec_month": 12})
    by_label = rows_of(resource["id"], filters={"부서명": department, "집행월": 12}, fields=["관리번호", "집행일시"],
                     sort="금액(원) desc")
    assert sorted(r["nid"] + r["exec_dt"][:16].replace("T", " ") for r in by_id) == expected
    assert sorted(r["nid"] + r["exec_dt"][:16].replace("T", " ") for r in by_label) == expected
    assert set(by_label[0]) == {"nid", "exec_dt"}


def test_personal_information_in_an_upload_is_masked_in_the_datastore_and_the_download(xloader_site, expense_rows, app):
    resource = xloader_site(csv_bytes(expense_rows), "expense.csv", format="CSV")
    rows = rows_of(resource["id"])
    assert PHONE not in str(rows) and rows[0]["bigo"].startswith("문의 ")
    assert not rows_of(resource["id"], q=PHONE)
    download = app.get(f"/dataset/{resource['package_id']}/resource/{resource['id']}/download/expense.csv")
    text = download.data.decode("cp949")  # still CP949, as uploaded
    assert PHONE not in text and CP949_ONLY in text and "문의 " in text
    report = helpers.call_action("resource_show", id=resource["id"])["masking_report"]
    assert report.startswith("가린 개인정보: ") and "휴대전화번호" in report


def test_an_excel_workbook_loads_like_the_csv(xloader_site, expense_rows):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in expense_rows[:20]:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    resource = xloader_site(out.getvalue(), "expense.xlsx", format="XLSX")
    fields = fields_of(resource["id"])
    assert fields["exec_amount"][1] == "금액(원)" and fields["exec_dt"][1] == "집행일시"
    rows = rows_of(resource["id"])
    assert len(rows) == 20 and PHONE not in str(rows)


def test_a_reload_keeps_ids_and_a_stewards_data_dictionary(xloader_site, expense_rows):
    resource = xloader_site(csv_bytes(expense_rows[:30]), "expense.csv", format="CSV")
    fields = helpers.call_action("datastore_info", id=resource["id"])["fields"]
    for field in fields:
        if field["id"] == "bigo":
            field["info"] = dict(field.get("info") or {}, label="비고(메모)", notes="집행 담당자 메모")
    helpers.call_action("datastore_create", resource_id=resource["id"], force=True,
                        fields=[{"id": f["id"], "type": f["type"], "info": f.get("info") or {}}
                                for f in fields if f["id"] != "_id"])
    reloaded = xloader_site(csv_bytes(expense_rows[:40]), "expense.csv", id=resource["id"])
    fields = fields_of(reloaded["id"])
    assert fields["bigo"] == ("text", "비고(메모)") and fields["exec_amount"] == ("numeric", "금액(원)")
    assert len(rows_of(resource["id"])) == 40


def test_an_old_xls_workbook_is_refused_with_the_way_out(xloader_site):
    with pytest.raises(Exception) as refused:
        xloader_site(b"\xd0\xcf\x11\xe0not really", "old.xls", format="XLS")
    assert ".xlsx" in str(refused.value) and "old.xls" in str(refused.value)
