"""PDFs as agencies publish them (issue 19): pages whose text is outlines or a
picture are read with OCR, unreadable ones withheld with a notice, no page
lost; tables and approval boxes keep their layout; nothing masked survives."""
import io

import pymupdf
import pytest
from pdfminer.high_level import extract_text
from PIL import Image, ImageDraw, ImageFont

from masking import DocumentError, NonPublicPart, redact_document
from masking import ocr
from masking.extract.pdf import OCR, WITHHELD_NOTICE, render

from harvesters.standins.files import NANUM

from . import documents
from .test_document import leaks

LINES = ["민원 회신 (정보공개정책과-1234)", "민원인 김철수의 주민등록번호 900101-1234567",
         "연락처 010-1234-5678, hong12@naver.com", "담당 홍길동 주무관 02-2133-5678"]
PRIVATE = ["김철수", "900101-1234567", "010-1234-5678", "hong12@naver.com"]


def seen(pdf: bytes, number: int) -> str:
    """What a reader sees on page ``number`` (1-based): the page drawn (turned
    upright if it is rotated) and read with OCR."""
    with pymupdf.open(stream=pdf, filetype="pdf") as document:
        page = document[number - 1]
        return ocr.read_image(render(page, ocr.DPI, grey=True).rotate(page.rotation, expand=True)).text


def spaced(text: str) -> str:
    """Text with no-break spaces read as spaces (MuPDF's text writer draws them)."""
    return text.replace("\xa0", " ")


@pytest.fixture(scope="module")
def mixed():
    """A text page, an outline-text page, a scan and a blurred scan: all four published."""
    original = documents.joined(documents.reportlab_pdf(LINES), documents.outline_pdf(LINES, text_layer="2024 1234"),
                      documents.scan_pdf(LINES), documents.scan_pdf(LINES, blur=6))
    return original, redact_document(original, name="mixed.pdf", title="민원 회신")


def test_every_page_says_how_its_text_was_obtained(mixed):
    _, result = mixed
    assert [(p.number, p.source) for p in result.page_sources] == [
        (1, "text layer"), (2, "OCR"), (3, "OCR"), (4, "withheld")]
    assert [p.reason for p in result.page_sources[1:]] == [
        "text drawn as outlines", "an image covers the page", "an image covers the page"]
    assert result.page_sources[1].confidence >= 70 > result.page_sources[3].confidence
    assert result.withheld_pages == [4]


def test_no_page_is_lost(mixed):
    original, result = mixed
    assert result.source_pages == result.pages == 4
    assert pymupdf.open(stream=result.pdf, filetype="pdf").page_count == 4


def test_outline_and_scanned_text_is_masked_like_any_text(mixed):
    _, result = mixed
    assert result.text.count("민원인 [성명]의 주민등록번호 [주민등록번호]") == 3  # text layer, outlines, scan
    assert result.text.count("담당 홍길동") == 3
    assert result.text.count(WITHHELD_NOTICE) == 1


@pytest.mark.parametrize("page", [2, 3])
def test_an_ocr_page_is_published_as_its_picture_with_the_masked_words_painted_over(mixed, page):
    _, result = mixed
    shown = seen(result.pdf, page)
    assert "홍길동 주무관" in shown and "주민등록번호" in shown
    assert not [v for v in PRIVATE if v in shown]


def test_a_page_ocr_cannot_read_is_withheld_with_a_visible_notice(mixed):
    _, result = mixed
    for reader in (extract_text(io.BytesIO(result.pdf), page_numbers=[3]),
                   pymupdf.open(stream=result.pdf, filetype="pdf")[3].get_text()):
        assert "이미지 페이지" in spaced(reader) and "검토 후 공개" in spaced(reader)


def test_no_masked_value_in_any_layer_object_or_byte(mixed):
    _, result = mixed
    for value in PRIVATE:
        assert leaks(result.pdf, value) == []


def test_a_scanned_page_with_a_matching_text_layer_is_redacted_in_place():
    """A scanner's PDF: the picture, and the same words as invisible text over it."""
    scan = pymupdf.open(stream=documents.scan_pdf(LINES), filetype="pdf")
    font = pymupdf.Font(fontfile=documents.NANUM)
    writer = pymupdf.TextWriter(scan[0].rect)
    for i, line in enumerate(LINES):
        writer.append((50, 62 + documents.LEADING * i + 11), line, font=font, fontsize=11)
    writer.write_text(scan[0], render_mode=3)

    result = redact_document(scan.tobytes(), name="scanned.pdf")

    assert result.page_sources[0].source == "text layer"
    assert "민원인 [성명]의 주민등록번호 [주민등록번호]" in spaced(result.text)
    shown = seen(result.pdf, 1)
    assert "홍길동 주무관" in shown and not [v for v in PRIVATE if v in shown]  # the picture's pixels blanked too
    assert all(leaks(result.pdf, v) == [] for v in PRIVATE)


def test_a_small_picture_on_a_text_page_costs_no_ocr():
    page = pymupdf.open(stream=documents.reportlab_pdf(LINES), filetype="pdf")
    page[0].insert_image(pymupdf.Rect(480, 30, 540, 90), stream=logo())
    result = redact_document(page.tobytes(), name="letterhead.pdf")
    assert [(p.source, p.reason) for p in result.page_sources] == [("text layer", "")]


def logo() -> bytes:
    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", (60, 60), (0, 80, 160)).save(out, "PNG")
    return out.getvalue()


APPROVAL = [["주무관", "팀장", "과장", "국장"], ["홍길동", "김영희", "이철수", "박민수"]]
APPLICANTS = [["성명", "연락처", "주소"], ["최민준", "010-2345-6789", "마포구 월드컵로 12"],
              ["정서연", "010-3456-7890", "중구 세종대로 5"]]


@pytest.fixture(scope="module")
def form():
    original = documents.form_pdf("보조금 지급 결정", APPROVAL, APPLICANTS, ["담당 홍길동 주무관 02-2133-5678"])
    return original, redact_document(original, name="form.pdf")


def test_a_table_stays_a_table_and_its_private_cells_are_masked(form):
    original, result = form
    assert "성명\t연락처\t주소\n[성명]\t[휴대전화번호]\t[주소]\n[성명]\t[휴대전화번호]\t[주소]\n" in result.text
    before = pymupdf.open(stream=original, filetype="pdf")[0]
    after = pymupdf.open(stream=result.pdf, filetype="pdf")[0]
    lines = lambda page: sorted(tuple(round(v) for v in d["rect"]) for d in page.get_drawings()  # noqa: E731
                                if d["type"] == "s")  # the boxes drawn over masked values are filled
    assert lines(after) == lines(before)  # every rule of both grids, where it was
    for value in ("최민준", "010-2345-6789", "정서연", "월드컵로"):
        assert leaks(result.pdf, value) == []


def test_an_approval_box_keeps_who_signed_as_what(form):
    original, result = form
    assert "주무관\t팀장\t과장\t국장\n홍길동\t김영희\t이철수\t박민수\n" in result.text
    before = pymupdf.open(stream=original, filetype="pdf")[0].get_text("words")
    after = pymupdf.open(stream=result.pdf, filetype="pdf")[0].get_text("words")
    place = lambda words: {w[4]: (round(w[0]), round(w[1])) for w in words}  # noqa: E731
    for signer in [cell for row in APPROVAL for cell in row]:
        assert place(after)[signer] == place(before)[signer]


def test_metadata_annotations_links_bookmarks_and_attachments_carry_nothing_of_the_original():
    document = pymupdf.open(stream=documents.reportlab_pdf(LINES), filetype="pdf")
    page = document[0]
    document.set_metadata({"title": "김철수 민원", "author": "김철수", "subject": "hong12@naver.com"})
    document.set_xml_metadata("<x:xmpmeta xmlns:x='adobe:ns:meta/'>김철수 900101-1234567</x:xmpmeta>")
    document.set_toc([[1, "민원인 김철수", 1]])
    page.insert_link({"kind": pymupdf.LINK_URI, "from": pymupdf.Rect(50, 90, 300, 110),
                      "uri": "mailto:hong12@naver.com"})
    page.add_text_annot((400, 400), "민원인 김철수 010-1234-5678 확인 바람")
    widget = pymupdf.Widget()
    widget.field_name, widget.field_type = "applicant", pymupdf.PDF_WIDGET_TYPE_TEXT
    widget.field_value, widget.rect = "900101-1234567", pymupdf.Rect(50, 600, 250, 620)
    page.add_widget(widget)
    document.embfile_add("memo.txt", "김철수 010-1234-5678".encode())

    result = redact_document(document.tobytes(), name="decorated.pdf", title="민원 회신")

    for value in PRIVATE:
        assert leaks(result.pdf, value) == [], value
    published = pymupdf.open(stream=result.pdf, filetype="pdf")
    assert published.metadata["title"] == "민원 회신" and published.metadata["author"] == ""
    assert published.get_toc() == [] and published.embfile_count() == 0
    assert list(published[0].annots()) == [] and list(published[0].widgets()) == []


def test_a_rotated_page_is_covered_where_the_value_is_drawn():
    document = pymupdf.open(stream=documents.reportlab_pdf(LINES), filetype="pdf")
    document[0].set_rotation(90)
    result = redact_document(document.tobytes(), name="rotated.pdf")
    shown = seen(result.pdf, 1)
    assert "홍길동" in shown and not [v for v in PRIVATE if v in shown]
    assert all(leaks(result.pdf, v) == [] for v in PRIVATE)


def test_a_blank_form_publishes_its_labels_not_names():
    """Empty fields: the next label (주민등록번호, 인감) is no value of the field before it."""
    original = documents.form_pdf("보조금 교부 신청서", [["담당", "팀장"], ["", ""]],
                                  [["성명", "", "주민등록번호"], ["주소", "", "전화번호"], ["대표자", "인감", ""]],
                                  ["의견 제출처: 서울특별시 도시계획과 전화 02-2133-1234", "전자우편 urban-plan@seo",
                                   "ul.go.kr"])
    result = redact_document(original, name="blank-form.pdf")
    assert result.findings == []
    assert "성명\t주민등록번호\n주소\t전화번호\n대표자\t인감\n" in result.text
    assert "전자우편 urban-plan@seo\nul.go.kr" in result.text  # the agency's own mail, split by the line


def test_a_non_public_part_of_a_pdf_is_removed_where_it_is_drawn():
    part = "협상 전략: 최저가 3억 원까지 양보 가능"
    original = documents.reportlab_pdf(["사업 개요", part, *LINES])
    result = redact_document(original, [NonPublicPart(5, text=part)], name="partial.pdf")
    assert "사업 개요\n[비공개: 제9조 제1항 제5호]\n" in result.text
    assert leaks(result.pdf, "3억 원까지") == [] and leaks(result.pdf, "김철수") == []
    assert "[비공개: 제9조 제1항 제5호]" in spaced(pymupdf.open(stream=result.pdf, filetype="pdf")[0].get_text())


@pytest.mark.parametrize("blur", [4, 8])
def test_a_page_too_blurred_for_any_text_is_withheld_not_the_whole_document(blur):
    """Tesseract found boxes but no text in them ("No text returned"): the
    document was refused as corrupt instead of that page being withheld."""
    original = documents.joined(documents.reportlab_pdf(LINES), documents.scan_pdf(LINES, blur=blur))
    result = redact_document(original, name="blurred.pdf")
    assert result.pages == 2 and result.withheld_pages in ([], [2])
    assert not [v for v in PRIVATE if v in spaced(seen(result.pdf, 2))]


def _page_with_a_picture_of(words: str) -> bytes:
    """A page of official text with a picture (a pasted scan) holding ``words``."""
    picture = Image.new("L", (900, 120), 255)
    ImageDraw.Draw(picture).text((10, 30), words, font=ImageFont.truetype(NANUM, 48), fill=0)
    png = io.BytesIO()
    picture.save(png, "PNG")
    document = pymupdf.open()
    page = document.new_page()
    page.insert_font(fontname="k", fontfile=NANUM)
    for i in range(20):
        page.insert_text((50, 60 + i * 14), f"서울특별시 주택정책과 공문 본문 {i}번째 줄입니다", fontname="k", fontsize=10)
    page.insert_image(pymupdf.Rect(50, 400, 500, 460), stream=png.getvalue())
    return document.tobytes()


def test_a_picture_of_private_words_on_a_text_page_is_read_and_covered():
    """A scanned line pasted into a report: the text layer alone was read and the picture published as it was."""
    result = redact_document(_page_with_a_picture_of("민원인 홍길동 010-1234-5678"), name="report.pdf")
    assert result.page_sources[0].source == OCR and {"person_name", "mobile_phone"} <= {f.kind for f in result.findings}
    assert not [v for v in ("홍길동", "1234-5678") if v in spaced(seen(result.pdf, 1))]


def test_what_is_drawn_outside_the_crop_box_is_read_and_masked_too():
    """Cropping a page is how people 'hide' part of it; readers still extract what lies outside."""
    document = pymupdf.open()
    page = document.new_page()
    page.insert_font(fontname="k", fontfile=NANUM)
    page.insert_text((50, 100), "공문 본문입니다", fontname="k", fontsize=10)
    page.insert_text((50, 800), "민원인 홍길동 010-1234-5678", fontname="k", fontsize=10)
    page.set_cropbox(pymupdf.Rect(0, 0, 595, 700))
    result = redact_document(document.tobytes(), name="cropped.pdf")
    assert "홍길동" not in extract_text(io.BytesIO(result.pdf)) and "5678" not in extract_text(io.BytesIO(result.pdf))


def test_a_pdf_behind_junk_bytes_is_read_as_a_pdf():
    """Readers repair a PDF that starts after 1,024 bytes of junk; read as text, it was published whole."""
    result = redact_document(b"x" * 1100 + documents.reportlab_pdf(LINES), name="junk.pdf")
    assert result.source_format == "pdf" and "person_name" in {f.kind for f in result.findings}


def test_words_hidden_in_character_references_are_read():
    """&#54861;&#44600;&#46041; is 홍길동 to any browser; read as plain text it was published as it came."""
    hidden = "".join(f"&#{ord(c)};" for c in "홍길동")
    result = redact_document(f"<meta charset=utf-8>민원인 {hidden} 010-1234-5678".encode(), name="page.pdf")
    assert result.source_format == "html" and "홍길동" not in result.text and "5678" not in result.text


def test_rtf_is_refused_not_published_unread():
    """RTF writes Hangul as escapes (\\'c8\\'ab): the masking cannot see the words."""
    with pytest.raises(DocumentError, match="RTF"):
        redact_document(b"{\\rtf1\\ansi \\'c8\\'ab\\'b1\\'e6\\'b5\\'bf 010-{\\b 1234}-5678}", name="complaint.rtf")
