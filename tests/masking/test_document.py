"""redact_document: every input format, real PDF redaction, and bad input."""
import io
import re
import zlib

import pypdfium2
import pytest
from pdfminer.high_level import extract_text

from masking import DocumentError, NonPublicPart, Withholding, redact_document
from masking.extract import MAX_BYTES

from . import documents

PRIVATE = ["900101-1234567", "010-1234-5678", "김철수", "hong12@naver.com"]
LINES = ["민원 회신 (정보공개정책과-1234)", "민원인 김철수의 주민등록번호 900101-1234567",
         "연락처 010-1234-5678, hong12@naver.com", "담당 홍길동 주무관 02-2133-5678"]


def every_form_of(pdf: bytes) -> list[bytes]:
    """The file as stored and each stream decompressed: where text could hide."""
    forms = [pdf]
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            forms.append(zlib.decompress(m.group(1)))
        except zlib.error:
            forms.append(m.group(1))
    return forms


def leaks(pdf: bytes, value: str) -> list[str]:
    """Every way ``value`` can still be found in ``pdf``: text layers read by
    two extractors, and its bytes in UTF-8, UTF-16 and hex anywhere in the file."""
    found = []
    if value in extract_text(io.BytesIO(pdf)):
        found.append("pdfminer text")
    document = pypdfium2.PdfDocument(pdf)
    if any(value in document[i].get_textpage().get_text_range() for i in range(len(document))):
        found.append("pdfium text (copy-paste)")
    needles = [value.encode("utf-8"), value.encode("utf-16-be"), value.encode("utf-16-be").hex().encode(),
               value.encode("utf-16-be").hex().upper().encode()]
    for form in every_form_of(pdf):
        found += [f"bytes {n[:12]!r}" for n in needles if n in form]
    return found


def test_a_masked_value_is_nowhere_in_the_published_pdf():
    original = documents.reportlab_pdf(LINES, compress=False)
    assert all(leaks(original, v) for v in PRIVATE)  # the check finds them where they are

    result = redact_document(original, name="reply.pdf")

    assert {f.text for f in result.findings} == set(PRIVATE)
    for value in PRIVATE:
        assert value not in result.text
        assert leaks(result.pdf, value) == []
    assert "홍길동 주무관" in extract_text(io.BytesIO(result.pdf))  # public text is published and readable
    assert "[주민등록번호]" in extract_text(io.BytesIO(result.pdf))


def test_the_published_pdf_carries_nothing_of_the_original_file():
    original = documents.reportlab_pdf(LINES)
    result = redact_document(original, name="김철수_민원.pdf", title="민원 회신")
    assert leaks(result.pdf, "김철수") == []  # not even from the file name
    assert pypdfium2.PdfDocument(result.pdf).get_metadata_dict()["Title"] == "민원 회신"


def test_output_is_deterministic():
    original = documents.reportlab_pdf(LINES)
    assert redact_document(original).pdf == redact_document(original).pdf


def test_korean_in_a_font_with_an_embedded_cmap_is_read():
    text = "서울특별시 청년수당 지급 계획 900101-1234567"
    original = documents.embedded_cmap_pdf(text)
    assert "청년수당" not in extract_text(io.BytesIO(original))  # pdfminer's bug: MuPDF must not share it

    result = redact_document(original, name="embedded-cmap.pdf")

    assert result.extractor == "pymupdf"
    assert "서울특별시 청년수당 지급 계획 [주민등록번호]" in result.text
    assert leaks(result.pdf, "900101-1234567") == []


def test_a_font_without_a_unicode_map_is_read_with_ocr_not_published_unread():
    original = documents.no_unicode_map_pdf("민원인 김철수 900101-1234567")
    assert "(cid:" in extract_text(io.BytesIO(original))

    result = redact_document(original, name="cid.pdf")

    assert [(p.source, p.reason) for p in result.page_sources] == [
        ("OCR", "the text layer cannot be read (a font without a Unicode map)")]
    assert "민원인 [성명] [주민등록번호]" in result.text
    assert all(leaks(result.pdf, v) == [] for v in ("김철수", "900101-1234567"))


@pytest.mark.parametrize("build, name", [
    (lambda: "\n".join(LINES).encode("utf-8"), "reply.txt"),
    (lambda: "\n".join(LINES).encode("cp949"), "reply-cp949.txt"),
    (lambda: "\n".join(LINES).encode("euc-kr"), "reply-euckr.txt"),
    (lambda: "\n".join(LINES).encode("utf-16"), "reply-utf16.txt"),
    (lambda: ("<html><head><title>t</title><script>var x='010-9999-9999';</script></head><body>"
              + "".join(f"<p>{line}</p>" for line in LINES) + "</body></html>").encode(), "reply.html"),
    (lambda: documents.docx(LINES[:2], table=[[LINES[2], LINES[3]]]), "reply.docx"),
    (lambda: documents.hwpx(LINES[:3], cell=LINES[3]), "reply.hwpx"),
    (lambda: documents.reportlab_pdf(LINES), "reply.pdf"),
])
def test_every_format_is_read_masked_and_published_as_pdf(build, name):
    result = redact_document(build(), name=name)
    assert {f.text for f in result.findings} == set(PRIVATE)
    assert "담당 홍길동 주무관 02-2133-5678" in result.text
    assert "010-9999-9999" not in result.text  # scripts are not text
    published = extract_text(io.BytesIO(result.pdf))
    assert "홍길동 주무관" in published and all(v not in published for v in PRIVATE)


def test_tables_in_hwpx_are_read_once():
    result = redact_document(documents.hwpx(["본문"], cell="표 안의 글"), name="t.hwpx")
    assert result.text.count("표 안의 글") == 1


def test_nonpublic_parts_are_removed_with_their_ground():
    text = "사업 개요\n협상 전략: 최저가 3억 원까지 양보 가능\n민원인 김철수 010-1234-5678\n"
    result = redact_document(text.encode(), [NonPublicPart(5, text="협상 전략: 최저가 3억 원까지 양보 가능")])
    assert result.text == "사업 개요\n[비공개: 제9조 제1항 제5호]\n민원인 [성명] [휴대전화번호]\n"
    assert "3억" not in extract_text(io.BytesIO(result.pdf))
    assert [(p.kind, p.start) for p in result.nonpublic] == [("nonpublic:5", 6)]


def test_nonpublic_part_by_position_and_overlapping_personal_data():
    text = "공개 부분. 비공개 부분 민원인 김철수. 공개 부분 김철수."
    result = redact_document(text.encode(), [NonPublicPart(6, start=7, end=text.index(".", 7))])
    assert result.text == "공개 부분. [비공개: 제9조 제1항 제6호]. 공개 부분 [성명]."


def test_a_marked_part_missing_from_the_text_stops_the_document():
    with pytest.raises(DocumentError, match="r.txt: non-public part '없는 문장'"):
        redact_document("본문".encode(), [NonPublicPart(6, text="없는 문장")], name="r.txt")


@pytest.mark.parametrize("ground", [0, 9, "6"])
def test_legal_ground_must_be_one_of_the_eight(ground):
    with pytest.raises(ValueError, match="제9조 제1항 1–8호"):
        NonPublicPart(ground, text="x")


def test_a_withheld_record_publishes_only_ground_and_opening_date():
    import datetime as dt
    original = documents.reportlab_pdf(LINES)
    result = redact_document(original, Withholding(4, opens_on=dt.date(2027, 6, 30)))
    assert "제9조 제1항 제4호" in result.text and "2027-06-30" in result.text
    assert result.findings == [] and result.withheld.ground == 4
    published = extract_text(io.BytesIO(result.pdf))
    assert "2027-06-30" in published and "민원" not in published and "홍길동" not in published


@pytest.mark.parametrize("data, problem", [
    (b"", "empty file"),
    (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", "corrupt PDF"),
    (documents.reportlab_pdf(["비밀"], password="secret"), "encrypted PDF"),
    (b"PK\x03\x04not really a zip", "corrupt DOCX/HWPX"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "corrupt HWP file"),
    (b"\x00\x01\x02binary", "binary data, not text"),
    (b"\x80\xff not any encoding", "not UTF-8, UTF-16 or CP949"),
])
def test_bad_input_is_a_clear_error_naming_the_document(data, problem):
    with pytest.raises(DocumentError, match=f"^bad.bin: {re.escape(problem)}"):
        redact_document(data, name="bad.bin")


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    with pytest.raises(DocumentError, match="too large"):
        redact_document(b"x" * (MAX_BYTES + 1), name="huge.txt")


def test_a_missing_file_is_a_document_error(tmp_path):
    with pytest.raises(DocumentError, match="missing.pdf: cannot read"):
        redact_document(tmp_path / "missing.pdf")
