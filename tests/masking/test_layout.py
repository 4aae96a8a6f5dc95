"""Private persons in the tables and lists written inside a text
(masking/layout.py): every layout a text carries a table in, lists of
persons without a header, and what stays public (no CKAN needed).

The documents are generated here, deterministically: payment lists,
참석자 명단, 연명부, 수령자 명단, 자원봉사자 명단, 주민설명회 참석자, a staff
contact list and an agency table, each written as CSV, tab-separated, pipe,
Markdown, box-drawn and space-aligned text (and with single spaces where a
serial column starts each row, as an HTML table reads once its tabs are
collapsed). Their private values are those pattern masking alone does not
see: names with no role word, home landlines, addresses without a house
number, dates of birth, bank accounts without a bank's word.
"""
import random
import shutil
import subprocess
import tempfile

import pytest

from masking import layout, redact_document, redact_text, scan
from masking.columns import read_header
from masking.render import text_to_pdf

NAMES = ("김민수 이서연 박도윤 최지훈 정하은 강민호 조은비 윤재희 장서윤 임현우 한지민 오승준 서예린 신동현 권나연 황보영 "
         "남궁민수 제갈현 선우진 독고영재 이안 조은 배수지 문가영").split()
PLACES = ("마포구 망원동", "마포구 성산동", "도봉구 방학동", "노원구 상계동", "은평구 불광동", "중랑구 면목동",
          "강서구 화곡동", "관악구 봉천동")


def _home_phone(rng):
    return f"02-{rng.randint(300, 999)}-{rng.randint(1000, 9999)}"


def _birth(rng):
    return rng.choice(["{y}. {m}. {d}.", "{y}-{m:02d}-{d:02d}", "{y}.{m:02d}.{d:02d}"]).format(
        y=rng.randint(1940, 2005), m=rng.randint(1, 12), d=rng.randint(1, 28))


def _account(rng):
    return f"{rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(100000, 999999)}"


# (title, header, row maker, private columns, public columns): a row maker gives one row's cells.
GENRES = {
    "payment": ("□ 청년수당 지급 내역 (2026년 3월분)", ["연번", "성명", "생년월일", "은행", "계좌번호", "지급액", "지급일"],
                lambda rng, i, name: [str(i), name, _birth(rng), rng.choice(["국민", "신한", "농협"]), _account(rng),
                                      f"{rng.choice([300, 500]):,}000", f"2026-03-{rng.randint(1, 28):02d}"],
                {1, 2, 4}, {5, 6}),
    "attendees": ("주민설명회 참석자 명단 (망원동 주민센터 3층)", ["연번", "성명", "주소", "연락처", "서명"],
                  lambda rng, i, name: [str(i), name, rng.choice(PLACES), _home_phone(rng), "(서명)"],
                  {1, 2, 3}, set()),
    "petition": ("연명부", ["연번", "성명", "주소", "생년월일", "서명"],
                 lambda rng, i, name: [str(i), name, rng.choice(PLACES) + f" {rng.randint(1, 999)}-{rng.randint(1, 99)}",
                                       _birth(rng), name],
                 {1, 2, 3, 4}, set()),
    "recipients": ("방한용품 수령자 명단", ["번호", "수령자", "연락처", "수령일", "수량"],
                   lambda rng, i, name: [str(i), name, _home_phone(rng), f"2026. 1. {rng.randint(2, 30)}.", f"{rng.randint(1, 3)}"],
                   {1, 2}, {3, 4}),
    "volunteers": ("2026년 상반기 자원봉사자 명단", ["순번", "이름", "소속", "휴대폰", "봉사시간"],
                   lambda rng, i, name: [str(i), name, rng.choice(["망원1동 자율방범대", "성산2동 새마을부녀회", "개인"]),
                                         f"010-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}", f"{rng.randint(2, 40)}시간"],
                   {1, 3}, {2, 4}),
    "participants": ("도시재생 주민공모사업 참여자 현황", ["No", "참여자", "거주지", "연락처", "비고"],
                     lambda rng, i, name: [str(i), name, rng.choice(PLACES), _home_phone(rng), rng.choice(["", "대표", "총무"])],
                     {1, 2, 3}, set()),
}
# Tables of officials and of agencies: column meaning keeps them whole.
PUBLIC_TABLES = {
    "staff": ("담당자 연락처", ["부서", "직위", "성명", "전화"],
              [["정보공개정책과", "주무관", "김철수", "02-2133-1234"], ["복지정책과", "팀장", "이영희", "02-2133-5678"],
               ["도로관리과", "과장", "박정우", "02-2133-7001"]]),
    "agencies": ("위탁사업 현황", ["기관명", "사업명", "금액", "담당자"],
                 [["망원종합사회복지관", "어르신 돌봄", "120,000,000", "김철수"],
                  ["성산청소년센터", "방과후 교실", "80,000,000", "이영희"]]),
}


def _rows(genre, seed=7, count=6):
    title, header, make, private, public = GENRES[genre]
    rng = random.Random(f"{genre}-{seed}")
    names = rng.sample(NAMES, count)
    return title, header, [make(rng, i + 1, name) for i, name in enumerate(names)], private, public


def _csv(rows):
    return "\n".join(",".join(f'"{c}"' if "," in c else c for c in row) for row in rows)


def _pipe(rows):
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def _markdown(rows):
    lines = _pipe(rows).split("\n")
    return "\n".join([lines[0], "|" + "|".join("---" for _ in rows[0]) + "|"] + lines[1:])


def _box(rows):
    rule = "├" + "┼".join("────" for _ in rows[0]) + "┤"
    return "\n".join(rule if i else "│ " + " │ ".join(row) + " │" for r, row in enumerate(rows)
                     for i in ([0] if r == 0 else [1, 0]))


def _widths(rows):
    return [max(len(row[i]) if i < len(row) else 0 for row in rows) + 3 for i in range(len(rows[0]))]


def _spaced(rows):
    """As pdftotext -layout writes a table: columns padded with spaces."""
    widths = _widths(rows)
    return "\n".join(("  " + "".join(c.ljust(w) for c, w in zip(row, widths))).rstrip() for row in rows)


LAYOUTS = {"csv": _csv, "tab": lambda rows: "\n".join("\t".join(r) for r in rows), "pipe": _pipe,
           "markdown": _markdown, "box": _box, "spaced": _spaced,
           "single spaces": lambda rows: "\n".join(" ".join(c for c in r if c) for r in rows)}


def _document(title, table_text):
    return (f"{title}\n\n{table_text}\n\n※ 위 명단은 행사 운영 목적으로만 사용하며 행사 종료 후 파기합니다.\n"
            "문의: 정보공개정책과 주무관 김철수 (02-2133-1234)\n")


@pytest.mark.parametrize("layout_name", LAYOUTS)
@pytest.mark.parametrize("genre", GENRES)
def test_private_columns_of_a_table_in_text_are_masked_in_every_layout(genre, layout_name):
    title, header, rows, private, public = _rows(genre)
    address = [i for i, label in enumerate(header) if label in ("주소", "거주지")]
    if layout_name == "single spaces" and any(" " in c or not c for row in rows for i, c in enumerate(row)
                                              if i not in address):
        pytest.skip("single spaces part cells only where no cell but the address has a space")
    text = _document(title, LAYOUTS[layout_name]([header] + rows))
    masked = redact_text(text)
    found = {(f.kind, f.text) for f in layout.read(text).findings}
    kinds = {h: read_header(h).kind or "person_name" for h in header}  # 수령자, 참여자: layout.PERSON_HEADERS
    for row in rows:
        for i in private:
            assert row[i] not in masked, (row[i], masked)
            assert (kinds[header[i]], row[i]) in found  # as a cell of its column
        for i in public:
            assert row[i] in masked, (row[i], masked)
    for label in header:
        assert label in masked  # the header row is never masked as data
    assert "주무관 김철수 (02-2133-1234)" in masked  # the official below the table stays


@pytest.mark.parametrize("layout_name", ["csv", "tab", "pipe", "markdown", "box", "spaced"])
@pytest.mark.parametrize("table", PUBLIC_TABLES)
def test_officials_and_agencies_tables_stay_as_written(table, layout_name):
    """The same column meaning as uploads (masking.columns): 성명 beside 직위 is a
    staff table, 담당자 is an official, 기관명/사업명/금액 are public."""
    title, header, rows = PUBLIC_TABLES[table]
    text = _document(title, LAYOUTS[layout_name]([header] + rows))
    assert layout.read(text).findings == []
    assert redact_text(text) == text


def test_findings_name_the_columns_kind_and_point_at_the_cells():
    text = ("연번,성명,주소,연락처,생년월일,계좌번호\n"
            "1,김민수,마포구 망원동,02-337-1234,1979. 4. 2.,123-45-678901\n")
    found = sorted((f.kind, f.text) for f in layout.read(text).findings)
    assert found == [("address", "마포구 망원동"), ("bank_account", "123-45-678901"), ("birth_date", "1979. 4. 2."),
                     ("person_name", "김민수"), ("phone_number", "02-337-1234")]
    assert all(text[f.start:f.end] == f.text for f in scan(text))


def test_spans_point_at_the_text_as_written():
    """Layout is read on the text as written (normalising would join the digits
    of neighbouring cells): full-width pipes and digits keep their places."""
    text = "｜ 연번 ｜ 성명 ｜ 연락처 ｜ 금액 ｜\n｜ １ ｜ 김민수 ｜ ０２-３３７-１２３４ ｜ 500,000 ｜\n｜ 2 ｜ 이서연 ｜ ｜ 500,000 ｜\n"
    found = {(f.kind, f.text) for f in scan(text)}
    assert {("person_name", "김민수"), ("phone_number", "０２-３３７-１２３４"), ("person_name", "이서연")} <= found
    assert redact_text(text).count("500,000") == 2


def test_a_staff_table_keeps_officials_and_a_complaint_list_keeps_its_담당자():
    text = ("접수번호\t민원인\t연락처\t담당자\t처리부서\n"
            "2026-0012\t강민호\t02-337-4567\t김철수\t도로관리과\n"
            "2026-0013\t조은비\t02-338-1111\t이영희\t주택정책과\n")
    masked = redact_text(text)
    assert "강민호" not in masked and "조은비" not in masked and "02-337-4567" not in masked
    assert "김철수\t도로관리과" in masked and "이영희\t주택정책과" in masked and "2026-0012" in masked


def test_rows_with_blank_cells_fewer_cells_and_extra_cells():
    text = ("연번,성명,주소,연락처,비고\n"
            "1,김민수,,02-337-1234,\n"          # a blank cell
            "2,이서연\n"                          # fewer cells: the name is still under 성명
            "3,박도윤,마포구 망원로 5, 101동,02-332-9876,대표\n")  # a comma inside the address (unquoted)
    masked = redact_text(text)
    for value in ("김민수", "02-337-1234", "이서연", "박도윤", "망원로 5", "101동", "02-332-9876"):
        assert value not in masked, masked
    assert masked.endswith(",대표\n")


def test_a_space_aligned_table_places_cells_by_position_and_reads_wrapped_lines():
    text = ("              주민설명회 참석자 명단\n"
            "  연번    성명        주소                        연락처          비고\n"
            "   1      한지민      마포구 월드컵로 12길         02-337-4567     대표\n"
            "   2      오승준      마포구 성산동                                 \n"
            "                      (성미산로 17, 3층)\n"
            "   3      서예린                                  02-300-1111\n"
            "   4                  마포구 망원동                02-301-2222     대리 참석\n"
            "\n"
            "이상 4명이 참석하였음.\n")
    masked = redact_text(text)
    for value in ("한지민", "월드컵로 12길", "02-337-4567", "오승준", "성미산로 17", "서예린", "02-300-1111",
                  "마포구 망원동", "02-301-2222"):
        assert value not in masked, masked
    assert "대표" in masked and "대리 참석" in masked and "이상 4명이 참석하였음." in masked


def test_a_header_repeated_on_each_page_and_a_page_number_between():
    page = "  연번    성명        연락처          지급액\n"
    text = ("  자원봉사 활동비 지급 명단\n" + page
            + "   1      김민수      02-337-1234     150,000\n"
            + "   2      이서연      02-337-5678     150,000\n"
            + "\n                         - 1 -\n\x0c" + page
            + "   3      박도윤      02-338-1234     150,000\n")
    masked = redact_text(text)
    for value in ("김민수", "이서연", "박도윤", "02-338-1234"):
        assert value not in masked
    assert masked.count("연번    성명        연락처          지급액") == 2
    assert masked.count("150,000") == 3 and "- 1 -" in masked


def test_a_public_table_after_a_private_one_is_read_with_its_own_header():
    text = ("번호\t성명\t연락처\n1\t김민수\t02-337-1234\n"
            "시트: 담당\n"
            "부서\t직위\t성명\t전화번호\n청년정책과\t주무관\t이영희\t02-2133-1234\n")
    masked = redact_text(text)
    assert "김민수" not in masked and "청년정책과\t주무관\t이영희\t02-2133-1234" in masked


def test_a_signature_list_without_a_header():
    text = ("「망원동 공영주차장 건립」에 찬성하며 아래와 같이 연명합니다.\n\n"
            "1. 김민수  마포구 망원동  (서명)\n"
            "2. 이서연  마포구 합정동  (서명)\n"
            "3) 남궁민수  마포구 서교동\n"
            "- 제갈현 (서명)\n\n"
            "2026. 3. 2.\n서울특별시 마포구청장 귀하\n")
    masked = redact_text(text)
    for name in ("김민수", "이서연", "남궁민수", "제갈현"):
        assert name not in masked, masked
    assert "2026. 3. 2." in masked
    assert all(f.end < text.index("2026. 3. 2.") for f in layout.read(text).findings)  # the list ends there


def test_a_list_of_persons_keeps_officials_with_their_titles():
    text = "□ 참석자 명단\n 1. 김철수 도시계획과장\n 2. 박정우 주무관\n 3. 강민호 (주민대표)\n 4. 조은비\n"
    masked = redact_text(text)
    assert "김철수 도시계획과장" in masked and "박정우 주무관" in masked
    assert "강민호" not in masked and "조은비" not in masked


def test_numbered_persons_with_an_address_or_age():
    text = ("3. 주요 질의\n"
            " 1. 강민호 (마포구 망원동, 52세) 주차장 부족 문제 제기\n"
            " 2) 조은비(48세, 자영업) 소음 대책 요구\n"
            " 3. 사업개요 (마포구 일원)\n"
            "강민호 씨는 추가로 야간 단속을 요청함.\n")
    masked = redact_text(text)
    assert "강민호" not in masked and "조은비" not in masked
    assert {f.text for f in layout.read(text).findings} == {"강민호", "조은비"}  # 사업개요 is no name


def test_a_name_a_table_reveals_is_masked_wherever_the_text_has_it():
    text = ("연번 | 성명 | 서명\n1 | 윤재희 | 윤재희\n\n"
            "회의록: 윤재희께서 제안 취지를 설명함.\n")
    masked = redact_text(text)
    assert "윤재희" not in masked


@pytest.mark.parametrize("text", [
    "성명, 주소, 연락처 등 개인정보는 비공개합니다.\n다만, 본인 동의 시 공개합니다.\n",
    "성명  김민수      주소   마포구 망원동\n연락처  02-2133-1234\n",        # a form line: label, value, …
    "구분 | 2025년 | 2026년\n예산 | 1,200 | 1,500\n",                   # a table with no private column
    "사업명\t금액\t비고\n어르신 돌봄\t120,000,000\t계속\n",
    "1. 추진 배경\n2. 추진 계획 (2026년)\n3. 행정사항\n",
    "이메일 주소, 전화번호 등을 적어 주세요. 연락처는\n02-120 다산콜센터입니다.\n",
])
def test_text_without_a_table_of_persons_gets_nothing_from_layout(text):
    """No header row, no list of persons: nothing special (the recognizers still run)."""
    assert layout.read(text).findings == []


def test_an_empty_table_and_header_words_in_cells_are_not_masked():
    text = "연번\t성명\t연락처\n1\t\t\n2\t성명\t연락처\n3\t-\t없음\n합계\t\t\n"
    assert layout.read(text).findings == []


def test_a_row_broken_off_mid_value_goes_on_in_the_next_line():
    """020908-⏎… : the next line carries on the row from the broken cell, so
    the amount stays under 금액 and the rest of the number is masked."""
    text = ("연번\t이름\t주민번호 앞자리\t계좌번호\t금액\n"
            "1\t김아오\t730504-1\t423-468-535606\t45,000,000원\n"
            "2\t박다보\t020908-\n"
            "4\tNH농협 762833-12-581535\t1,650,000\n"
            "3\t서문영\t050709-3\t수협 074-95-288314\t36,530,000원\n")
    masked = redact_text(text)
    assert "박다보" not in masked and "762833-12-581535" not in masked and "020908" not in masked
    assert masked.count(",000원") == 2 and "\t1,650,000\n" in masked


def test_amounts_with_thousands_separators_do_not_split_csv_cells():
    text = ("순번,이름,주소,연락처,금액,계좌번호\n"
            "1,문희시,독산동 781-80,033.411.7757,\"금 1,720,000원\",하나은행 855-035182-10565\n"
            "2,박복기,강남구 신림로 4,041.932.8176,13,640,000,SC제일은행 46354013499\n"
            "총액: 15,360,000원. 근거: 국민기초생활 보장법 제7조.\n")
    masked = redact_text(text)
    for value in ("문희시", "781-80", "033.411.7757", "박복기", "신림로 4", "041.932.8176"):
        assert value not in masked, masked
    assert "금 1,720,000원" in masked and ",13,640,000," in masked
    assert "총액: 15,360,000원. 근거: 국민기초생활 보장법 제7조." in masked  # the line after the table


@pytest.mark.parametrize("rows", [
    ["1  함동홍\u3000\u30001988-11-18     상계동 408-90       금 33,570,000원",
     "2  염기수  1983. 7. 14.   화곡동 107동 107호       34,720,000원",
     "3  남궁현  1996. 3. 5.    망원로 12       28,510,000원"],
    ["| 1 | 소양운 | 29,310,000원 | 010-4876-8423 |", "| 2 | 용향효 | 7,560,000원 |  |",
     "| 3 | 이식전 | 3,470,000 | 02-337-1045 |"],
    ["2026-03-02 23:22\t심석일\t공원 조성에 찬성합니다.", "2024-09-05 16:32\t어예후\t소음 때문에 잠을 못 잡니다.",
     "2026-02-18 01:15\t김순춘\t동의합니다."],
])
def test_rows_numbered_one_after_another_with_a_name_are_a_table_of_persons(rows):
    """A table without its header (a continued page, a comment log's export):
    the name after each row's number or time is masked."""
    text = "마을공동체 활동비 지급 내역 (표 계속)\n" + "\n".join(rows) + "\n총 3건\n"
    names = [f.text for f in layout.read(text).findings]
    assert len(names) == 3 and all(name not in redact_text(text) for name in names)


@pytest.mark.parametrize("text", [
    "1 | 공원조성 | 2026. 3.\n2 | 도로정비 | 2026. 5.\n3 | 하수관로 | 2026. 9.\n",   # works, not persons
    "1  도서관   120석\n2  체육관   300석\n",
    "1. 김철수 도시계획과장\n2. 박정우 주무관\n",                                       # officials
    "1  김철수  도시계획과장\n2  박정우  주무관\n3  이영희  팀장\n",
    "□ 위원 명단\n1. 김민수 (서울대 교수)\n2. 이영희 (변호사)\n",                        # a committee: public
])
def test_numbered_lists_that_are_not_private_persons_stay(text):
    assert layout.read(text).findings == []


def test_names_on_the_headings_own_line():
    text = "[연명부]: 동방동 ㊞, 정대령 ㊞, 독고태빈 ㊞, 김지 ㊞\n서명자 명단: 국향완 (서명), 최다 (서명)\n"
    assert {f.text for f in layout.read(text).findings} == {"동방동", "정대령", "독고태빈", "김지", "국향완", "최다"}


SPACED_LIST = """주민설명회 참석자 명단
연번    성명        주소                          연락처            비고
1       한지민      마포구 월드컵로 12길           02-337-4567       대표
2       오승준      마포구 성산동                  010-9876-5432
3       서예린      도봉구 방학동 12-3             02-300-1111       대리 참석
4       남궁민수    은평구 불광동                  02-301-2222
"""
SPACED_PRIVATE = ("한지민", "월드컵로 12길", "02-337-4567", "오승준", "성산동", "서예린", "방학동", "02-300-1111",
                  "남궁민수", "불광동", "02-301-2222")


def test_a_pdf_with_a_space_aligned_list_is_published_without_its_persons():
    result = redact_document(text_to_pdf(SPACED_LIST)[0], name="참석자명단.pdf")
    for value in SPACED_PRIVATE:
        assert value not in result.text, result.text
    assert "연번    성명        주소" in result.text and "대리 참석" in result.text


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils' pdftotext is not installed")
def test_pdftotext_layout_output_with_closed_gaps_is_read():
    """pdftotext -layout closes narrow gaps to one space (``연번 성명``) and
    shifts columns by a character or two; the header's words are still columns."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(text_to_pdf(SPACED_LIST)[0])
        pdf.flush()
        text = subprocess.run(["pdftotext", "-layout", pdf.name, "-"], capture_output=True, text=True,
                              check=True).stdout
    masked = redact_text(text)
    for value in SPACED_PRIVATE:
        assert value not in masked, masked
    assert "대표" in masked and "대리 참석" in masked


@pytest.mark.parametrize("text, private, public", [
    ("No,Name,Phone,Address\n1,Kim Minsu,02-337-1234,Mapo-gu Mangwon-dong\n",
     ["Kim Minsu", "02-337-1234", "Mangwon-dong"], ["No,Name,Phone,Address"]),
    ("번호\t성명(한자)\t연락처(휴대폰)\t비고\n1\t洪吉童\t010-1234-5678\t재학생\n", ["洪吉童", "010-1234-5678"], ["재학생"]),
    ("| 순서 | 발언자 | 주요 내용 |\n|---|---|---|\n| 1 | 강민호 | 주차장 부족 |\n", ["강민호"], ["주차장 부족"]),
    ("연번\u3000\u3000성명\u3000\u3000\u3000연락처\n1\u3000\u3000\u3000김민수\u3000\u300002-337-1234\n",
     ["김민수", "02-337-1234"], ["연번"]),
])
def test_headers_in_english_with_qualifiers_or_naming_speakers(text, private, public):
    masked = redact_text(text)
    assert all(v not in masked for v in private) and all(v in masked for v in public), masked


def test_speakers_beside_a_rank_column_are_officials():
    text = "| 순서 | 발언자 | 직위 | 주요 내용 |\n| 1 | 김철수 | 과장 | 검토하겠음 |\n"
    structure = layout.read(text)
    assert structure.findings == [] and [text[s:e] for s, e in structure.officials] == ["김철수"]


def test_a_header_wrapped_onto_a_second_line():
    text = ("  연번    성명        생년월일      주소                     연락처\n"
            "                        (성별)\n"
            "   1      김민수      1980.1.2(남)  마포구 망원동            02-337-1234\n"
            "   2      이서연      1979.3.4(여)  마포구 합정동            02-337-1235\n")
    found = {(f.kind, f.text) for f in layout.read(text).findings}
    assert {("person_name", "김민수"), ("birth_date", "1980.1.2(남)"), ("address", "마포구 합정동"),
            ("phone_number", "02-337-1235")} <= found
    assert "(성별)" in redact_text(text)


def test_a_name_ending_like_a_label_is_still_a_name():
    """옥의일시 ends like 일시 (a label ending read in headers); in a row it is a value."""
    text = "번호,받는 분,비고,금액\n1,박경지,참석,\"18,670,000\"\n2,옥의일시,참석,\"33,080,000원\"\n"
    assert {f.text for f in layout.read(text).findings} == {"박경지", "옥의일시"}


def test_a_two_syllable_name_from_a_table_is_masked_in_the_text_too():
    text = ("2024-01-28 15:02\t마혜\t저는 강남구에 사는 마혜입니다.\n"
            "2026-02-27 15:25\t강두서\t강두서 씨 말에 동의합니다.\n")
    masked = redact_text(text)
    assert "마혜" not in masked and "강두서" not in masked


def test_headerless_numbered_rows_keep_a_name_that_ends_like_a_body():
    """백치소 ends as 경찰소 and 도서관 do; between names in rows numbered one
    after another it is a name, while a run of bodies' names is no list of persons."""
    text = ("지급 내역 (표 계속)\n"
            "1\t남궁하람\t도봉구 방학로 12\t35,000원\n"
            "2\t탁우진\t노원구 상계로 8\t35,000원\n"
            "3\t어진소\t강서구 화곡로 41\t35,000원\n")
    assert {f.text for f in layout.read(text).findings} == {"남궁하람", "탁우진", "어진소"}
    bodies = "1\t구립도서관\t10:00\n2\t주민센터\t11:00\n3\t구청\t12:00\n"
    assert layout.read(bodies).findings == []


def test_a_comment_log_with_other_lines_between_its_timed_rows():
    """A log's timed rows (tab or bar cells) are one table though its other lines
    ([time] text, replies) stand between them; one such row is enough when its name
    is no dictionary word, and a word in that cell (조치) is kept."""
    text = ("2024-01-05 11:20 | 탁윤서 | 동의합니다\n"
            "[2024-01-05 12:00] 익명으로 남깁니다\n"
            "└ 답글 도로과: 확인하겠습니다\n"
            "2024-01-06 08:11 | 나은결 | 반대합니다\n")
    assert {f.text for f in layout.read(text).findings} == {"탁윤서", "나은결"}
    alone = "[2024-01-05 12:00] 좋은 의견입니다\n2024-01-07 09:14\t맹솔휘\t저도 찬성\n"
    assert "맹솔휘" not in redact_text(alone)
    word = "[2024-01-05 12:00] 좋은 의견입니다\n2024-01-07 09:14\t조치\t현장 확인 완료\n"
    assert layout.read(word).findings == []


def test_a_header_word_in_a_data_row_is_a_name():
    """구분 and 서명 are header words; under 성명 in a row of values they are names
    (a row of labels, or a totals row, is not)."""
    text = "연번\t성명\t생년월일\n1\t구분\t1980-02-03\n2\t서명\t1977-11-30\n합계\t\t\n"
    assert {f.text for f in layout.read(text).findings if f.kind == "person_name"} == {"구분", "서명"}
