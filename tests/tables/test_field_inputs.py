"""Tables as stewards' files really come (issue 25): read, typed and published
as they came, refused by row when they cannot be read, and a failed reload
leaves the previous table. Real CKAN, PostgreSQL, Redis and xloader's job."""
import codecs
import io
import re

import pytest
from openpyxl import Workbook

import ckan.plugins.toolkit as tk
from ckan.tests import helpers

from .conftest import PHONE, PLUGINS_WITH_XLOADER, fields_of, rows_of

pytestmark = [pytest.mark.ckan_config("ckan.plugins", PLUGINS_WITH_XLOADER),
              pytest.mark.usefixtures("with_plugins")]


def _download(app, resource, filename):
    return app.get(f"/dataset/{resource['package_id']}/resource/{resource['id']}/download/{filename}").data


def _status(resource_id):
    return helpers.call_action("xloader_status", resource_id=resource_id)


def _csv(text, encoding="utf-8", bom=b""):
    return bom + text.encode(encoding)


# --- published as it came --------------------------------------------------

PLAIN = "부서명,장소,금액(원),비고\n재무과,\"시청 본관, 3층\",\"1,234,000\",\n총무과,\"회의실\n(별관)\",50000,점심\n"
AS_THEY_COME = {
    "utf-8 without a BOM, LF": ("plain.csv", _csv(PLAIN)),
    "utf-8 with a BOM, CRLF": ("bom.csv", _csv(PLAIN.replace("\n", "\r\n"), bom=codecs.BOM_UTF8)),
    "cp949, mixed line endings": ("korean.csv", _csv(PLAIN.replace("\n", "\r\n", 2), "cp949")),
    "utf-16 tab-separated (Excel's Unicode text)": (
        "unicode.tsv", _csv(PLAIN.replace(",\"1,234,000\"", "\t1234000").replace(",", "\t"), "utf-16-le",
                            codecs.BOM_UTF16_LE)),
}


@pytest.mark.parametrize("name, data", AS_THEY_COME.values(), ids=AS_THEY_COME.keys())
def test_a_table_in_which_nothing_is_masked_is_published_byte_for_byte_and_loads(xloader_site, app, name, data):
    resource = xloader_site(data, name, format=name[-3:].upper())
    assert _download(app, resource, name) == data
    rows = rows_of(resource["id"])
    assert [r["dept_nm_full"] for r in rows] == ["재무과", "총무과"]
    assert float(rows[0]["exec_amount"]) == 1234000 and rows[1]["exec_loc"] == "회의실\n(별관)"


def test_in_a_masked_table_only_the_masked_record_is_written_anew(xloader_site, app):
    data = _csv(PLAIN.replace(",점심\n", f",\"문의 {PHONE}\"\n").replace("\n", "\r\n", 1))
    resource = xloader_site(data, "masked.csv", format="CSV")
    published = _download(app, resource, "masked.csv")
    assert PHONE.encode() not in published
    before, after = data.split(b"\n"), published.split(b"\n")
    assert len(before) == len(after) and [i for i, (a, b) in enumerate(zip(before, after)) if a != b] == [3]
    assert not published.startswith(codecs.BOM_UTF8)


# --- refused by row, or read whatever the size -----------------------------

def _expense_file(n, bad_row=None, bad="\"시청 본관"):
    """A 290 KB-ish expense table of n rows, row ``bad_row`` (as a spreadsheet
    numbers it, the header being row 1) starting with ``bad``."""
    lines = ["관리번호,부서명,금액(원),장소"]
    for i in range(2, n + 1):
        place = bad if i == bad_row else f"\"서울특별시 중구 세종대로 {i}\""
        lines.append(f"{21885400 + i},재무과 예산팀 담당,\"1,{i % 1000:03d},000\",{place}")
    return ("\n".join(lines) + "\n").encode("utf-8")


REFUSED = {
    "an unclosed quote in a 290 KB file": (_expense_file(3500, 1777), "1,777행"),
    "a character after a closing quote": (_csv("a,b\n1,2\n\"x\"y,3\n"), "3행"),
    "NUL characters": (_csv("a,b\n1,2\n3,4\x00\n"), "3행"),
    "a stray byte in a CP949 file": ("관리번호,장소\n1,시청\n2,별관\n".encode("cp949") + b"3,\xff\xfe\n", "4행"),
    "a CP949 cell in a UTF-8 file": ("관리번호,장소\n1,시청 본관\n".encode() + "2,별관\n".encode("cp949"), "3행"),
    "a 1,000,000-column header": ((",".join(f"c{i}" for i in range(1_000_000)) + "\n1,2\n").encode(), "1행"),
}


@pytest.mark.parametrize("data, row", REFUSED.values(), ids=REFUSED.keys())
def test_a_table_that_cannot_be_read_is_refused_naming_the_row(xloader_site, data, row):
    with pytest.raises(tk.ValidationError) as refused:
        xloader_site(data, "bad.csv", format="CSV")
    message = refused.value.error_dict["upload"][0]
    assert message.startswith("bad.csv: ") and re.search(rf"(^|\D){row}", message), message


def test_a_200000_character_cell_is_stored_masked_and_loaded(xloader_site, app):
    cell = ("서울시 행정 자료 설명 " * 20000)[:199_000] + f" 문의 {PHONE}"
    data = _csv(f"관리번호,비고\n1,\"{cell}\"\n2,짧은 값\n")
    resource = xloader_site(data, "long.csv", format="CSV")
    assert PHONE.encode() not in _download(app, resource, "long.csv")
    rows = rows_of(resource["id"])
    assert len(rows[0]["bigo"]) > 199_000 and PHONE not in rows[0]["bigo"] and rows[1]["bigo"] == "짧은 값"


# --- Korean notations, codes, headers as written ----------------------------

def test_korean_numbers_and_dates_load_typed_codes_keep_zeros_headers_stay_as_written(xloader_site):
    data = _csv("집행일시,금액(원),장소,코드,01\n"
                "2021-03-04 12:30,\"1,234,000\",시청 본관,00123,a\n"
                "2021년 3월 5일,-,서소문청사,00456,b\n"
                "2021. 3. 5.,\"△5,000원\",별관,01000,c\n"
                "2021년 3월 6일 (토) 오후 2시 30분,\"₩12,000\",시청 본관,9,d\n")
    resource = xloader_site(data, "notations.csv", format="CSV")
    fields = fields_of(resource["id"])
    assert fields["exec_dt"] == ("timestamp", "집행일시") and fields["exec_amount"] == ("numeric", "금액(원)")
    assert fields["kodeu"] == ("text", "코드") and fields["c_01"] == ("text", "01")
    rows = rows_of(resource["id"], sort="_id")
    assert [r["exec_dt"] for r in rows] == ["2021-03-04T12:30:00", "2021-03-05T00:00:00", "2021-03-05T00:00:00",
                                          "2021-03-06T14:30:00"]
    assert [r["exec_amount"] and float(r["exec_amount"]) for r in rows] == [1234000, None, -5000, 12000]
    assert [r["kodeu"] for r in rows] == ["00123", "00456", "01000", "9"]


def test_a_glossary_column_whose_values_are_no_numbers_loads_as_text_with_a_warning(xloader_site):
    data = _csv("금액(원),장소\n\"1,234,000\",시청\n미정,별관\n")
    resource = xloader_site(data, "undecided.csv", format="CSV")
    assert fields_of(resource["id"])["exec_amount"] == ("text", "금액(원)")
    assert [r["exec_amount"] for r in rows_of(resource["id"], sort="_id")] == ["1,234,000", "미정"]
    log = " ".join(line["message"] for line in _status(resource["id"])["task_info"]["logs"])
    assert "금액(원): 1개 값을 숫자로 읽을 수 없어 이 열을 글자로 불러왔습니다 (3행 '미정')" in log


def test_an_excel_sheet_loads_with_its_korean_notations(xloader_site):
    book = Workbook()
    for row in (["집행일자", "집행금액", "코드"], ["2021. 3. 5.", "1,234,000원", "00123"], ["2021-03-06", 5000, "00124"]):
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    resource = xloader_site(out.getvalue(), "sheet.xlsx", format="XLSX")
    rows = rows_of(resource["id"], sort="_id")
    assert [float(r["exec_amount"]) for r in rows] == [1234000, 5000]
    assert [r["kodeu"] for r in rows] == ["00123", "00124"] and rows[0]["exec_dt"] == "2021-03-05T00:00:00"


# --- a failed reload keeps the previous table --------------------------------

GOOD = _csv("부서명,금액(원)\n" + "".join(f"재무과,{i * 1000}\n" for i in range(1, 31)))
FAILING = {
    "a row with values beyond the header": (_csv("부서명,금액(원)\n재무과,1000\n총무과,2000,남는 값\n"), "3행"),
    "more columns than a DataStore table holds": (
        _csv(",".join(f"열{i}" for i in range(1600)) + "\n" + ",".join("1" * 1600) + "\n"), "1600"),
}


@pytest.mark.parametrize("bad, reason", FAILING.values(), ids=FAILING.keys())
def test_a_reload_that_fails_leaves_the_previous_table_and_tells_the_steward(xloader_site, app, bad, reason):
    resource = xloader_site(GOOD, "table.csv", format="CSV")
    assert len(rows_of(resource["id"])) == 30
    xloader_site(bad, "table.csv", id=resource["id"])
    rows = rows_of(resource["id"], sort="_id")
    assert len(rows) == 30 and float(rows[-1]["exec_amount"]) == 30000
    assert helpers.call_action("resource_show", id=resource["id"])["datastore_active"] is True
    assert fields_of(resource["id"])["exec_amount"] == ("numeric", "금액(원)")
    status = _status(resource["id"])
    assert status["status"] == "error"
    message = status["task_info"]["error"]
    message = message["message"] if isinstance(message, dict) else message
    assert "이전 표(30행)를 그대로 두었습니다" in message or "불러오지 못했습니다" in message, message
    assert reason in message
    assert _previous_tables() == 0


def _previous_tables():
    from ckanext.datastore.backend.postgres import get_write_engine
    with get_write_engine().connect() as conn:
        return conn.exec_driver_sql("SELECT count(*) FROM pg_tables WHERE tablename LIKE '%%\\_\\_previous'").scalar()


def test_a_failed_load_is_shown_on_the_resource_page_to_its_stewards_only(xloader_site, app):
    resource = xloader_site(GOOD, "table.csv", format="CSV")
    xloader_site(FAILING["a row with values beyond the header"][0], "table.csv", id=resource["id"])
    page = f"/dataset/{resource['package_id']}/resource/{resource['id']}"
    sysadmin = helpers.call_action("get_site_user")  # the site user: a sysadmin
    steward_view = app.get(page, extra_environ={"REMOTE_USER": sysadmin["name"]}).body
    assert "data-table-load-error" in steward_view and "3행" in steward_view
    assert "data-table-load-error" not in app.get(page).body


def test_a_successful_reload_replaces_the_table_and_leaves_no_previous_one(xloader_site):
    resource = xloader_site(GOOD, "table.csv", format="CSV")
    reloaded = _csv("부서명,금액(원),비고\n총무과,\"7,000\",새 열\n")
    xloader_site(reloaded, "table.csv", id=resource["id"])
    rows = rows_of(resource["id"])
    assert [(r["dept_nm_full"], float(r["exec_amount"]), r["bigo"]) for r in rows] == [("총무과", 7000, "새 열")]
    assert _previous_tables() == 0
