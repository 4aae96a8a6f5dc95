"""Tables masked by column meaning: private persons' columns whole, every
other cell by pattern; officials' and places' tables, and the city's real
lists, are not over-masked (no CKAN needed)."""
import csv
import datetime as dt
from pathlib import Path

import pytest
import yaml

from masking import redact_text
from masking.columns import TableMasker, TableStream, classify, mask_fields, mask_rows, read_header


@pytest.mark.parametrize("header, kind", [
    ("성명", "person_name"), ("이름", "person_name"), ("성함", "person_name"), ("성 명", "person_name"),
    ("민원인", "person_name"), ("신청인", "person_name"), ("대표자", "person_name"), ("대표자(명)", "person_name"),
    ("수령인", "person_name"), ("참석자", "person_name"), ("신청인 성명", "person_name"), ("name", "person_name"),
    ("applicant_name", "person_name"), ("FLNM", "person_name"), ("seongmyeong", "person_name"),
    ("주민등록번호", "resident_registration_number"), ("주민번호(앞6자리)", "resident_registration_number"),
    ("jumindeungrogbeonho", "resident_registration_number"), ("외국인등록번호", "alien_registration_number"),
    ("생년월일", "birth_date"), ("birth_date", "birth_date"),
    ("연락처", "phone_number"), ("전화번호", "phone_number"), ("telno", "phone_number"), ("yeonragceo", "phone_number"),
    ("휴대폰", "mobile_phone"), ("핸드폰", "mobile_phone"), ("휴대전화", "mobile_phone"), ("연락처(휴대폰)", "mobile_phone"),
    ("HP_NO", "mobile_phone"), ("주소", "address"), ("거주지", "address"), ("주소지", "address"), ("자택 주소", "address"),
    ("home_address", "address"), ("이메일", "email"), ("전자우편", "email"), ("e-mail", "email"), ("E-Mail 주소", "email"),
    ("ＥＭＡＩＬ", "email"), ("계좌번호", "bank_account"), ("카드번호", "card_number"), ("차량번호", "vehicle_plate"),
    ("여권번호", "passport_number"), ("운전면허번호", "driver_license"),
    ("\u1109\u1165\u11bc\u1106\u1167\u11bc", "person_name"),  # 성명 decomposed, as a Mac writes it
])
def test_headers_name_the_kind_of_personal_data(header, kind):
    assert read_header(header).kind == kind


@pytest.mark.parametrize("header", [
    "신청인 수", "참석인원", "주소변경일", "연락처 수", "전화 상담 건수", "사업장 소재지", "장소", "대상", "target_nm",
    "금액(원)", "제목", "title", "관리번호", "부서명", "dept_nm_lvl_1", "집행일시", "비고", "담당자", "writer",
])
def test_headers_that_are_not_personal_data(header):
    assert read_header(header).kind is None


def _private(headers):
    return {c.header: c.private for c in classify(headers) if c.kind}


def test_a_staff_table_keeps_officials_names_and_office_contacts():
    assert _private(["성명", "부서", "직위", "전화번호", "이메일"]) == {
        "성명": False, "전화번호": False, "이메일": False}
    assert _private(["참석자", "소속", "직급"]) == {"참석자": False}
    # officials' own mobile numbers and dates of birth are private all the same
    assert _private(["성명", "직위", "휴대폰", "생년월일"]) == {"성명": False, "휴대폰": True, "생년월일": True}


def test_a_table_of_private_persons_is_masked_by_column():
    assert _private(["성명", "연락처", "주소", "이메일", "차량번호"]) == dict.fromkeys(
        ["성명", "연락처", "주소", "이메일", "차량번호"], True)
    # a department column alone does not make names officials' (citizens have an affiliation too)
    assert _private(["성명", "부서", "연락처"]) == {"성명": True, "연락처": True}
    assert _private(["접수번호", "민원인", "연락처", "담당자", "담당자 연락처", "처리부서"]) == {
        "민원인": True, "연락처": True, "담당자 연락처": False}
    # a role is a private person even in a table with a rank column
    assert _private(["신청인", "처리 담당자", "직위"]) == {"신청인": True}


def test_places_keep_their_contacts_and_unknown_tables_are_masked():
    assert _private(["시설명", "주소", "전화번호", "운영시간"]) == {"주소": False, "전화번호": False}
    assert _private(["주소", "전화번호"]) == {"주소": True, "전화번호": True}  # whose? nothing tells: masked
    assert _private(["제목", "작성자", "부서명"]) == {"작성자": False}       # the city's document lists
    assert _private(["제목", "작성자", "내용"]) == {"작성자": True}          # a board export: citizens


def test_the_citys_real_lists_lose_nothing_to_column_meaning(seoul_data):
    """No column of the city's lists is private, so column meaning masks no cell
    that pattern masking keeps; it keeps officials' names (writer) and places'
    addresses (exec_loc) that text alone would mask (tests/masking/test_real_lists.py)."""
    kept = 0
    for path in sorted(seoul_data.glob("*/*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        stream = TableStream()
        masked = list(mask_rows(rows, stream))
        assert not [c for c in stream.columns if c.private], path.name
        for row, out in zip(rows, masked):
            assert all(o in (cell, redact_text(cell)) for cell, o in zip(row, out)), (path.name, row)
            kept += sum(o == cell != redact_text(cell) for cell, o in zip(row, out))
    assert kept >= 400  # the 담당자 of ~600 rows, the restaurants where money was spent


@pytest.mark.parametrize("header, value, published", [
    ("담당자", "박종현 (010-1234-5678)", "박종현 ([휴대전화번호])"),   # an official's column keeps the name only
    ("writer", "김영은 등", "김영은 등"),
    ("장소", "나무가 있는 집 종로구 신문로2가 1-241", "나무가 있는 집 종로구 신문로2가 1-241"),  # a restaurant
    ("exec_loc", "산동 종로구 새문안로 83", "산동 종로구 새문안로 83"),
    ("장소", "민원인 자택(마포구 망원로 12)", "민원인 자택(마포구 [주소])"),    # a home is still a home
    ("장소", "래미안아파트 103동 1204호", "[주소]"),
    ("비고", "나무가 있는 집 종로구 신문로2가 1-241", "나무가 있는 집 종로구 [주소]"),  # no column says it is a place
])
def test_officials_and_places_columns_keep_what_is_theirs(header, value, published):
    assert list(mask_rows([[header], [value]]))[1] == [published]


def test_a_rows_official_is_kept_in_its_other_cells_and_fields():
    rows = [["제목", "담당자"], ["우수고객 방문 복명서(12월 이경천)", "이경천"], ["민원인 이경천 면담", "박종현"]]
    assert list(mask_rows(rows))[1:] == [rows[1], ["민원인 [성명] 면담", "박종현"]]
    fields = {"title": "우수고객 방문 복명서(12월 이경천)", "writer": "이경천", "exec_loc": "산동 종로구 새문안로 83",
              "notes": "민원인 이경천 면담", "official": "정종순외8 010-2222-3333"}
    assert mask_fields(fields) == dict(fields, notes="민원인 [성명] 면담", official="정종순외8 [휴대전화번호]")
    assert redact_text(fields["title"]) != fields["title"]  # alone, the title's name is masked


def test_the_plazas_glossary_headers_are_not_private():
    glossary = Path(__file__).resolve().parents[2] / "ckanext-seoulplaza/ckanext/seoulplaza/data/column_glossary.yaml"
    headers = list(yaml.safe_load(glossary.read_text(encoding="utf-8")))
    assert not [c.header for c in classify(headers) if c.private]


def test_a_csv_is_masked_by_column_and_by_pattern():
    rows = [["번호", "성명", "연락처", "주소", "비고"],
            ["1", "김철수", "02-987-6543", "마포구 월드컵로 123", "010-1111-2222로 연락"],
            ["2", "이 영희", "", "-", "없음"]]
    stream = TableStream()
    assert list(mask_rows(rows, stream)) == [
        rows[0],
        ["1", "[성명]", "[전화번호]", "[주소]", "[휴대전화번호]로 연락"],
        ["2", "[성명]", "", "-", "없음"]]
    assert stream.found == {"person_name": 2, "phone_number": 1, "address": 1, "mobile_phone": 1}


def test_values_already_masked_at_the_source_are_kept():
    rows = [["성명", "휴대폰", "주민등록번호", "주소"],
            ["조*아", "010-****-5678", "900101-1******", "마포구 ***"],
            ["남궁*수", "010-1234-56**", "900101-1234***", "마포구 월드컵로 12*"],
            ["김철수*", "010-1234-****", "9001011******", "-"]]
    assert list(mask_rows(rows)) == [
        rows[0], rows[1],
        ["남궁*수", "[휴대전화번호]", "[주민등록번호]", "[주소]"],   # two hidden, ten digits left, one hidden
        ["[성명]", "010-1234-****", "9001011******", "-"]]        # a whole name with a star is not masked


def test_officials_columns_still_pass_pattern_masking():
    rows = [["성명", "직위", "전화번호"], ["홍길동", "주무관", "02-2133-5678"], ["김민원", "주무관", "010-3333-4444"]]
    assert list(mask_rows(rows)) == [rows[0], rows[1], ["김민원", "주무관", "[휴대전화번호]"]]


def test_title_rows_and_merged_header_rows_are_read():
    rows = [["2024년 민원 접수 현황", None, None, None],
            [None, None, None, None],
            ["신청인", None, "처리 담당자", None],
            ["성명", "연락처", "성명", "연락처"],
            ["김철수", "02-987-6543", "박공무", "02-2133-1234"]]
    stream = TableStream()
    masked = list(mask_rows(rows, stream))
    assert masked[:4] == rows[:4]
    assert masked[4] == ["[성명]", "[전화번호]", "박공무", "02-2133-1234"]
    assert [c.header for c in stream.columns] == ["신청인 성명", "신청인 연락처", "처리 담당자 성명", "처리 담당자 연락처"]


def test_a_data_row_dressed_as_a_header_leaks_nothing():
    rows = [["구분", "성명"], ["담당", "김철수"], ["민원", "이영희"]]
    assert list(mask_rows(rows)) == [rows[0], ["담당", "[성명]"], ["민원", "[성명]"]]


def test_counts_under_a_person_header_are_not_names():
    rows = [["회의명", "참석자(명)"], ["정보공개심의회", "12"]]
    assert list(mask_rows(rows)) == rows


def test_sheet_cells_of_any_type_are_masked_in_private_columns():
    rows = [["성명", "휴대폰", "생년월일", "신청금액"],
            ["김철수", 1012345678, dt.datetime(1990, 1, 1), 50000]]  # Excel drops the leading 0
    assert list(mask_rows(rows))[1] == ["[성명]", "[휴대전화번호]", "[생년월일]", 50000]


def test_datastore_records_by_column_id_with_korean_labels():
    fields = [{"id": "_id", "type": "int"},
              {"id": "seongmyeong", "type": "text", "info": {"label": "성명"}},
              {"id": "birth", "type": "date", "info": {"label": "생년월일"}},
              {"id": "exec_amount", "type": "numeric", "info": {"label": "금액(원)"}},
              {"id": "bigo", "type": "text", "info": {"label": "비고"}}]
    masker = TableMasker.for_fields(fields, record_keys=["jeonhwabeonho"])
    record = {"_id": 1, "seongmyeong": "김철수", "birth": "1990-01-01", "exec_amount": 50000,
              "bigo": "문의 010-1234-5678", "jeonhwabeonho": "02-987-6543"}
    assert masker.mask_record(record) == {"_id": 1, "seongmyeong": "[성명]", "birth": None, "exec_amount": 50000,
                                          "bigo": "문의 [휴대전화번호]", "jeonhwabeonho": "[전화번호]"}
    assert masker.found == {"person_name": 1, "birth_date": 1, "mobile_phone": 1, "phone_number": 1}
    assert [c.header for c in masker.private_columns] == ["성명", "생년월일", "jeonhwabeonho"]


def test_harvest_columns_with_a_top_level_label():
    masker = TableMasker.for_fields([{"id": "dept", "type": "text", "label": "부서"},
                                     {"id": "target_nm", "type": "text", "label": "대상"},
                                     {"id": "amount", "type": "numeric", "label": "예산액(원)"}])
    assert not masker.private_columns
    assert masker.mask_row(["재무과", "이정훈 주무관 외 3명", 1000]) == ["재무과", "이정훈 주무관 외 3명", 1000]


@pytest.mark.parametrize("header, kind, private", [
    # a qualifier in brackets, or after the name, says how the name is written, not whose it is
    ("성명(한자)", "person_name", True), ("이름 (서명)", "person_name", True),
    ("성명(인)", "person_name", True), ("(필수) 성명", "person_name", True), ("[한자]성명", "person_name", True),
    ("성명 【한자】", "person_name", True), ("성명 한자", "person_name", True), ("seongmyeong_hanja", "person_name", True),
    ("한자성명", "person_name", True), ("신청인 성명(자필)", "person_name", True),
    ("연락처(사무실)", "phone_number", False), ("주소(시설)", "address", False),
    # who did what, said with a verb: the role's own rule where there is one, a private person otherwise
    ("받는 사람", "person_name", True), ("보내는 사람", "person_name", True), ("신청한 사람", "person_name", True),
    ("받는 분", "person_name", True), ("주문하신 분", "person_name", True), ("보낸 사람", "person_name", True),
    ("받는 이", "person_name", True), ("받는 사람 연락처", "phone_number", True), ("badneun_saram", "person_name", True),
    ("수신인", "person_name", True), ("발신인", "person_name", True), ("예약자", "person_name", True),
])
def test_headers_with_qualifiers_and_verbs_are_read(header, kind, private):
    (column,) = classify([header])
    assert (column.kind, column.private) == (kind, private), column


@pytest.mark.parametrize("header", ["성명(담당자)", "처리한 사람", "담당하는 사람", "결재한 분"])
def test_a_qualifier_or_verb_naming_an_official_keeps_the_column_public(header):
    assert _private([header, "직위"]) == {} and not classify([header])[0].private


@pytest.mark.parametrize("header", [
    "소요시간(분)", "이월분", "정산분", "지원분", "신분", "구분", "성분", "전년도분", "처리시간 분", "금액(원)", "비율(%)",
])
def test_words_ending_like_a_person_are_not_names(header):
    assert read_header(header).kind is None


def test_names_in_other_scripts_under_a_qualified_header_are_masked_and_the_header_kept():
    rows = [["번호", "성명(한자)", "받는 사람", "이름 (서명)", "비고"],
            ["1", "洪吉童", "Hong Gildong", "김철수", "〇一〇-一二三四-五六七八 로 연락"],
            ["2", "金哲洙", "박영희", "KIM CHEOLSU", "공1공-1234-5678"]]
    stream = TableStream()
    assert list(mask_rows(rows, stream)) == [
        rows[0],
        ["1", "[성명]", "[성명]", "[성명]", "[휴대전화번호] 로 연락"],
        ["2", "[성명]", "[성명]", "[성명]", "[휴대전화번호]"]]
    assert stream.found == {"person_name": 6, "mobile_phone": 2}


@pytest.mark.parametrize("header", ["성명(한자)", "대표자 구분", "성명 (정자)", "민원인 유형"])
def test_a_header_rows_own_cells_are_never_masked(header):
    rows = [["번호", header, "연락처"], ["1", "홍길동", "02-987-6543"]]
    assert list(mask_rows(rows))[0] == rows[0]


def test_a_row_with_a_private_number_is_data_not_a_header():
    rows = [["담당", "김철수", "010-1234-5678"], ["민원", "이영희", "010-9876-5432"]]
    assert [row[2] for row in mask_rows(rows)] == ["[휴대전화번호]", "[휴대전화번호]"]


def test_datastore_fields_with_qualified_and_verb_labels():
    fields = [{"id": "seongmyeong_hanja", "type": "text", "info": {"label": "성명(한자)"}},
              {"id": "badneun_saram", "type": "text", "info": {"label": "받는 사람"}},
              {"id": "bigo", "type": "text", "info": {"label": "비고"}}]
    masker = TableMasker.for_fields(fields)
    record = {"seongmyeong_hanja": "洪吉童", "badneun_saram": "Kim Cheolsu", "bigo": "〇一〇-一二三四-五六七八"}
    assert masker.mask_record(record) == {"seongmyeong_hanja": "[성명]", "badneun_saram": "[성명]",
                                          "bigo": "[휴대전화번호]"}


@pytest.mark.parametrize("titles", [
    ["담당", "팀장", "과장", "국장"], ["주무관", "팀장", "과장"], ["기안자", "검토자", "결재권자"],
    ["주무관", "과장(전결)"], ["담당", "", "팀장", "부구청장"],
])
def test_names_under_an_approval_boxs_titles_are_the_officials_and_stay(titles):
    # a DOCX/HWPX 결재란 read as a table: the row of titles is its header, the names under it signed in office
    names = ["김철수", "이영희", "박민수", "최정훈", "정수진"][:len(titles)]
    stream = TableStream()
    rows = [titles, names, ["2026. 3. 4."] * len(titles), [n + " 010-1234-5678" for n in names]]
    masked = [stream.mask(row) for row in rows]
    assert masked[:3] == rows[:3]
    assert masked[3] == [n + " [휴대전화번호]" for n in names]  # a phone typed in the box is masked all the same


@pytest.mark.parametrize("header", [["팀장", "팀원"], ["조", "팀장", "연락처"], ["성명", "팀장"], ["팀장", "비고"]])
def test_a_row_of_titles_with_any_other_header_is_no_approval_box(header):
    # a volunteer team's 팀장 is a citizen: only a row of approval titles and nothing else makes a box
    row = ["1조" if h == "조" else "010-2222-3333" if h == "연락처" else "확인" if h == "비고" else "이영희"
           for h in header]
    masked = list(mask_rows([header, row]))
    assert "이영희" not in str(masked[1]), masked


def test_citizens_under_a_name_column_stay_masked_beside_an_approval_box():
    rows = [["연번", "성명", "주소"], ["1", "김철수", "마포구 성미산로 17-5"]]
    assert list(mask_rows(rows))[1][1:] == ["[성명]", "[주소]"]
