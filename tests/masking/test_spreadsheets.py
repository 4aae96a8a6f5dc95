"""XLSX and CSV attachments: masked cell by cell by column meaning, read as
documents (text and PDF) and as tables with a new file written from the masked cells."""
import html
import io
import zipfile

import pytest
from openpyxl import load_workbook

from harvesters.standins.files import _zip
from masking import DocumentError, NonPublicPart, redact_document
from masking.spreadsheets import mask_spreadsheet

from . import documents, writers
from .test_document import leaks

APPLICANTS = [["2026년 청년수당 신청자 명단"], [],
              ["번호", "성명", "연락처", "주소", "신청일"],
              [1, "박민수", "031-987-6543", "경기도 성남시 분당구 정자일로 95", "2026-01-02"],
              [2, "최지현", "02-555-1212", "서울특별시 종로구 사직로8길 23", "2026-01-03"]]
STAFF = [["부서", "직위", "성명", "전화번호"], ["청년정책과", "주무관", "이영희", "02-2133-1234"]]
PRIVATE = ["박민수", "031-987-6543", "정자일로 95", "최지현", "02-555-1212", "사직로8길 23"]


def every_part(workbook: bytes) -> str:
    """Every part of the workbook's ZIP as text, XML character references read."""
    archive = zipfile.ZipFile(io.BytesIO(workbook))
    return "\n".join(html.unescape(archive.read(n).decode("utf-8", "replace")) for n in archive.namelist())


@pytest.fixture(scope="module")
def workbook() -> bytes:
    return writers.xlsx({"신청자": APPLICANTS, "담당": STAFF}, author="김작성", comment=("B4", "민원인 홍길동 메모"))


def test_each_sheet_is_masked_by_its_columns(workbook):
    masked = mask_spreadsheet(workbook, "청년수당.xlsx")
    applicants, staff = masked.sheets
    assert (applicants.name, applicants.header, staff.header) == ("신청자", 2, 0)
    assert applicants.rows[0][0] == "2026년 청년수당 신청자 명단"  # a title row above the header stays
    assert applicants.data == [["1", "[성명]", "[전화번호]", "[주소]", "2026-01-02"],
                               ["2", "[성명]", "[전화번호]", "[주소]", "2026-01-03"]]
    assert [c.private for c in staff.columns] == [False] * 4  # officials' table: no column masked whole
    assert staff.data[0][0:2] == ["청년정책과", "주무관"] and staff.data[0][3] == "02-2133-1234"
    assert (masked.found["phone_number"], masked.found["address"]) == (2, 2) and masked.found["person_name"] >= 2


def test_the_published_workbook_holds_only_masked_cells(workbook):
    published = mask_spreadsheet(workbook, "청년수당.xlsx").to_xlsx()
    book = load_workbook(io.BytesIO(published))
    assert book.sheetnames == ["신청자", "담당"]
    assert book["신청자"]["B4"].value == "[성명]" and book["신청자"]["B4"].comment is None
    assert book.properties.creator in ("", None)
    for value in PRIVATE + ["김작성", "홍길동"]:
        assert value not in every_part(published), value


def test_a_workbook_is_also_published_as_text_and_pdf(workbook):
    result = redact_document(workbook, name="청년수당.xlsx")
    assert (result.source_format, result.extractor, result.source_pages) == ("xlsx", "openpyxl", 2)
    assert "시트: 신청자" in result.text and "번호\t성명\t연락처\t주소\t신청일" in result.text
    assert "1\t[성명]\t[전화번호]\t[주소]\t2026-01-02" in result.text
    assert "청년정책과\t주무관\t" in result.text and "\t02-2133-1234\n" in result.text
    for value in PRIVATE + ["김작성", "홍길동"]:
        assert value not in result.text and leaks(result.pdf, value) == []


@pytest.mark.parametrize("name, encoding, delimiter", [("list.csv", "cp949", ","), ("list.tsv", "utf-8", "\t")])
def test_csv_and_tsv_in_korean_encodings(name, encoding, delimiter):
    rows = [["성명", "연락처", "비고"], ["박민수", "031-987-6543", "재신청"], ["최지현", "02-555-1212", ""]]
    data = "\r\n".join(delimiter.join(r) for r in rows).encode(encoding)
    masked = mask_spreadsheet(data, name)
    assert masked.sheets[0].data == [["[성명]", "[전화번호]", "재신청"], ["[성명]", "[전화번호]", ""]]
    content, suffix = masked.file()
    assert suffix == name[-3:] and content.decode(encoding).split("\r\n")[1] == delimiter.join(["[성명]", "[전화번호]", "재신청"])
    assert "박민수" not in redact_document(data, name=name).text


def test_a_docx_table_is_masked_by_its_columns_too():
    data = documents.docx(["신청인 명단"], [["성명", "연락처"], ["박민수", "031-987-6543"]])
    result = redact_document(data, name="list.docx")
    assert "성명\t연락처\n[성명]\t[전화번호]\n" in result.text


@pytest.mark.parametrize("data, problem", [
    (lambda book: book[:len(book) // 2], "corrupt"),
    (lambda book: _zip({"xl/workbook.xml": "<not xml"}), "corrupt XLSX"),
])
def test_a_broken_workbook_is_refused_naming_the_file(workbook, data, problem):
    with pytest.raises(DocumentError, match=rf"^명단\.xlsx: .*{problem}"):
        mask_spreadsheet(data(workbook), "명단.xlsx")
    with pytest.raises(DocumentError, match=r"^명단\.xlsx: "):
        redact_document(data(workbook), name="명단.xlsx")


def test_a_form_sheet_named_after_its_person_leaks_nothing():
    """A form's first row reads as a header (민원인 | 연락처 are column words):
    its labels stay, its values are masked; the sheet's name is masked too."""
    data = writers.xlsx({"민원인 정다은": [["민원인", "정다은", "연락처", "031-987-6543"],
                                       ["접수일", "2026-01-05", "", ""]]})
    masked = mask_spreadsheet(data, "form.xlsx")
    (sheet,) = masked.sheets
    assert sheet.name == "민원인 (성명)" and sheet.rows[0] == ["민원인", "[성명]", "연락처", "[전화번호]"]
    assert "정다은" not in every_part(masked.to_xlsx()) and "987-6543" not in every_part(masked.to_xlsx())
    assert "정다은" in every_part(data)  # the check finds it where it is (written as &#51221;&#45796;&#51008;)


def test_a_non_public_part_is_removed_from_the_cells_too():
    data = writers.xlsx({"검토": [["항목", "의견"], ["단가", "협상 상대방과의 단가 조정 전략 1안"], ["일정", "3월 착공"]]})
    masked = mask_spreadsheet(data, "review.xlsx", [NonPublicPart(5, text="협상 상대방과의 단가 조정 전략 1안")])
    assert masked.sheets[0].rows[1:] == [["단가", "[비공개: 제9조 제1항 제5호]"], ["일정", "3월 착공"]]
    with pytest.raises(DocumentError, match=r"^review\.xlsx: non-public part"):
        mask_spreadsheet(data, "review.xlsx", [NonPublicPart(5, text="없는 문장")])


@pytest.mark.parametrize("encoding, bom, ending", [("utf-8", b"", "\n"), ("utf-8", b"\xef\xbb\xbf", "\r\n"),
                                                   ("cp949", b"", "\r\n")])
def test_a_csv_attachment_is_published_as_it_came_but_for_its_masked_records(encoding, bom, ending):
    rows = ["부서,직위,비고", "청년정책과,주무관,\"회의실 3층, 별관\"", "총무과,팀장,점심"]
    data = bom + ending.join(rows + [""]).encode(encoding)
    assert mask_spreadsheet(data, "list.csv").file() == (data, "csv")  # nothing masked: byte for byte
    private = bom + ending.join(rows + ["총무과,팀장,\"민원인 박민수 010-9876-5432\"", ""]).encode(encoding)
    content, _suffix = mask_spreadsheet(private, "list.csv").file()
    assert content.startswith(bom) and content.split(b"\n")[:3] == private.split(b"\n")[:3]
    assert "010-9876-5432" not in content.decode(encoding) and content.count(ending.encode()) == 4
