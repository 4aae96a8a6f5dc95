"""HWP 5 (.hwp): read with its tables as tables, masked by column meaning, and
refused — naming the file and the reason — when no reader can open it."""
import io
import re
import subprocess
import sys

import hwpforge
import pytest
from extract_hwp.hwp5 import extract_text_from_hwp5

from masking import DocumentError, redact_document
from masking.extract import extract, hwp as hwp_reader

from . import writers
from .test_document import leaks

PARAGRAPHS = ["민원 회신 (도시계획과-2041)", "민원인 김철수 님의 민원에 회신합니다. 연락처 010-1234-5678.",
              "담당: 도시계획과 주무관 이영희 (02-2133-1234)", "각 호의 신청인은 아래와 같습니다.",
              "이 가운데 최지현 님의 신청은 보완이 필요합니다."]
APPLICANTS = [["성명", "연락처", "주소"], ["박민수", "031-987-6543", "경기도 성남시 분당구 정자일로 95"],
              ["최지현", "02-555-1212", "서울특별시 종로구 사직로8길 23"]]
STAFF = [["부서", "직위", "성명", "전화번호"], ["도시계획과", "주무관", "이영희", "02-2133-1234"]]


@pytest.fixture(scope="module")
def reply() -> bytes:
    return writers.hwp(PARAGRAPHS, APPLICANTS)


def test_the_generated_file_is_a_real_hwp5_both_readers_read(reply):
    """The fixture is what Hangul writes (OLE, FileHeader, compressed BodyText),
    not a stand-in only our own code accepts: two independent readers read it."""
    assert reply.startswith(b"\xd0\xcf\x11\xe0")
    assert "박민수" in extract_text_from_hwp5(io.BytesIO(reply))
    converted = hwpforge.convert_hwp5(reply).document
    assert converted.read(table=0)["table"]["rows"] == 3


def test_paragraphs_and_tables_are_read_tables_as_rows_and_cells(reply):
    extracted = extract(reply, "reply.hwp")
    assert (extracted.format, extracted.extractor) == ("hwp", "hwpforge")
    for line in PARAGRAPHS:
        assert line in extracted.text
    (table,) = extracted.tables
    assert table.rows(extracted.text) == APPLICANTS
    assert "박민수\t031-987-6543\t경기도 성남시 분당구 정자일로 95\n" in extracted.text


def test_a_private_column_is_masked_whole_and_officials_stay(reply):
    result = redact_document(reply, name="reply.hwp")
    text = result.text
    # no role word stands before 박민수: only the 성명 column says it is a private person's name
    for value in ["김철수", "010-1234-5678", "박민수", "031-987-6543", "최지현", "정자일로 95", "사직로8길 23"]:
        assert value not in text, value
        assert leaks(result.pdf, value) == []
    assert "[성명]\t[전화번호]\t[주소]" in text
    assert "이 가운데 [성명] 님의 신청" in text  # a name the table reveals is masked elsewhere too
    assert "성명\t연락처\t주소" in text  # the header is not data
    assert "주무관 이영희 (02-2133-1234)" in text
    form = redact_document(writers.hwp(["민원 신청서"], [["민원인", "정다은", "연락처", "031-987-6543"],
                                                      ["주소", "서울특별시 마포구 월드컵로 212", "접수일", "2026-01-05"]]),
                           name="form.hwp").text
    assert "민원인\t[성명]\t연락처\t[전화번호]" in form  # a label cell tells what the next one holds
    assert "\t2026-01-05" in form and "월드컵로 212" not in form
    staff = redact_document(writers.hwp(["직원 명단"], STAFF), name="staff.hwp").text
    assert "도시계획과\t주무관\t" in staff and "\t02-2133-1234\n" in staff  # an officials' table keeps its columns


def test_text_hwpforge_misses_is_added_from_extract_hwp(reply, monkeypatch):
    """If the structured reading lacks text the independent reader found (a
    part hwpforge cannot carry to HWPX), that text is added after it, and the
    tables it did read stay tables, masked by their columns."""
    read = hwp_reader.hwpx_blocks
    monkeypatch.setattr(hwp_reader, "hwpx_blocks", lambda archive: [b for b in read(archive)
                                                                      if not isinstance(b, str) or "도시계획과-2041" not in b])
    extracted = extract(reply, "reply.hwp")
    assert extracted.extractor == "hwpforge+extract-hwp"
    assert extracted.text.endswith("민원 회신 (도시계획과-2041)\n") and len(extracted.tables) == 1
    assert "박민수" not in redact_document(reply, name="reply.hwp").text


@pytest.mark.parametrize("flags, reason", [
    (writers.PASSWORD, "password-encrypted"),
    (writers.DISTRIBUTION, "배포용 (distribution-protected)"),
    (writers.DRM, "DRM-protected"),
])
def test_a_protected_document_is_refused_not_published_as_a_placeholder(reply, flags, reason):
    with pytest.raises(DocumentError, match=rf"^민원_배포용\.hwp: HWP document is .*{re.escape(reason)}") as refused:
        redact_document(writers.protected(reply, flags), name="민원_배포용.hwp")
    assert refused.value.name == "민원_배포용.hwp"


@pytest.mark.parametrize("data, reason", [
    (lambda reply: reply[: len(reply) // 3], "corrupt HWP file"),
    (lambda reply: reply[:512] + b"\x00" * 4096, "not HWP 5"),
    (lambda reply: bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 100, "corrupt HWP file"),
])
def test_a_corrupt_hwp_is_refused_naming_the_file(reply, data, reason):
    with pytest.raises(DocumentError, match=rf"^broken\.hwp: {reason}"):
        redact_document(data(reply), name="broken.hwp")


@pytest.mark.parametrize("name", ["reply.hwp", "list.xlsx"])
def test_the_command_line_scans_and_redacts_hwp_and_xlsx(reply, name, tmp_path):
    original = tmp_path / name
    original.write_bytes(reply if name.endswith(".hwp") else writers.xlsx({"명단": APPLICANTS}))
    scan = subprocess.run([sys.executable, "-m", "masking", "scan", str(original), "--json"],
                          capture_output=True, text=True, check=True)
    assert "박민수" in scan.stdout and "person_name" in scan.stdout  # found by its column alone
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "masking", "redact", "--out-dir", str(out), str(original)],
                   capture_output=True, text=True, check=True)
    stem = name.rsplit(".", 1)[0]
    assert "박민수" not in (out / f"{stem}.txt").read_text() and "[성명]" in (out / f"{stem}.txt").read_text()
    assert (out / f"{stem}.pdf").read_bytes().startswith(b"%PDF")


def test_a_document_without_text_is_refused_not_published_empty(reply, monkeypatch):
    monkeypatch.setattr(hwp_reader, "hwpx_blocks", lambda archive: ["", "  "])
    monkeypatch.setattr(hwp_reader.extract_hwp5, "extract_text_from_hwp5", lambda data: "")
    with pytest.raises(DocumentError, match=r"^scan\.hwp: no text in the HWP document"):
        redact_document(reply, name="scan.hwp")
