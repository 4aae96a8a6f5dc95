"""Every private kind other than names, as people write it, and the public facts
of the same shape that must survive (issue 18; no CKAN needed).

The sentences are generated (``random.Random`` with fixed seeds): each kind in
its siblings' forms — separators, labels before or after, split lines,
bank layouts — not only the issue's examples.
"""
import random
import re

import pytest

from masking import redact_text, scan
from masking.recognizers.contact import ascii_domain
from masking.recognizers.identity import business_check_digit

RNG = random.Random(18)


def digits(n, rng=RNG, first="123456789"):
    return rng.choice(first) + "".join(rng.choice("0123456789") for _ in range(n - 1))


def assert_masked(text, value):
    out = redact_text(text)
    assert value not in out, (out, scan(text))
    return out


def assert_kept(text):
    assert redact_text(text) == text, scan(text)


# --- dates of birth and partial registration numbers ----------------------------------

DATE_FORMS = ["{y}. {m}. {d}.", "{y}.{m:02d}.{d:02d}", "{y}-{m:02d}-{d:02d}", "{y}/{m:02d}/{d:02d}",
              "{y}년 {m}월 {d}일", "{yy:02d}.{m:02d}.{d:02d}", "{y}{m:02d}{d:02d}"]
BIRTH_CONTEXTS = ["생년월일 {date}", "생년월일: {date}", "출생일 {date}", "생일({date})", "김민수({date}생)",
                  "신청인은 {date}생으로", "{date} 출생, 무직"]


def birth_dates():
    rng = random.Random(1)
    for i, context in enumerate(BIRTH_CONTEXTS):
        for form in DATE_FORMS:
            y, m, d = rng.randint(1935, 2010), rng.randint(1, 12), rng.randint(1, 28)
            date = form.format(y=y, yy=y % 100, m=m, d=d)
            yield context.format(date=date), date


@pytest.mark.parametrize("text, date", list(birth_dates()))
def test_a_date_of_birth_is_masked_in_every_form(text, date):
    assert_masked(text, date)


@pytest.mark.parametrize("text, date", [
    ("상담원: 생년월일 말씀해 주시겠어요?\n고객: 1984-03-09요.", "1984-03-09"),
    ("A) 생년월일 말씀해 주시겠어요?\n[B] 네 560105요.", "560105"),
    ("상담원) 생일이 어떻게 되세요?\n민원인) 1972. 12. 14.이요.", "1972. 12. 14."),
    ("A: 생년월일 말씀해 주시겠어요?\nB) 1973.07.19요.", "1973.07.19"),  # B is a speaker here, not an 8
])
def test_a_date_of_birth_given_as_an_answer_is_masked(text, date):
    assert_masked(text, date)


@pytest.mark.parametrize("text, date", [  # a table continued from a page whose header said 생년월일
    ("1  김철수  1988-11-18     도봉구 도봉로 12     참석      금 33,570,000원", "1988-11-18"),
    ("3,이민수,중구 세종대로 110,92.02.27,\"42,140,000원\"", "92.02.27"),
    ("4  박영희  재학생  680910        금 40,500,000원", "680910"),
    ("| 5 | 최을수 | 1946. 5. 21. | 우리은행 | 금 10,100,000원 |", "1946. 5. 21."),
])
def test_an_old_date_in_a_numbered_row_of_persons_is_a_date_of_birth(text, date):
    assert_masked(text, date)


def test_a_recent_date_in_a_row_of_persons_is_not_a_birth():
    assert "2024-11-18" in redact_text("1  김철수  2024-11-18  지급 완료")


@pytest.mark.parametrize("text", [
    "시행일 2021. 3. 4., 결재일 2021.03.05, 접수일 2021-03-06",
    "| 1 | 홍길동 | 주무관 | 1995.03.01 임용 |",
    "1. 2010. 3. 4. 조례 제정",
    "1  1995-03-01  개청  도봉구",
    "발생일 2020. 7. 1. 사고 발생 2020년 7월 1일",
    "2021년 3월 4일 생산된 문서, 2020.01.02 생활폐기물 수거",
    "A) 언제 접수하셨어요?\nB: 2021-03-09요.",
])
def test_other_dates_are_public(text):
    assert_kept(text)


@pytest.mark.parametrize("text, value", [
    ("1. 박지현 790402-1****** 자영업", "790402-1******"),
    ("2. 김영희 850315-2", "850315-2"),
    ("| 3 | 이민수 | 900101-1●●●●●● | 국민은행 |", "900101-1●●●●●●"),
    ("4,최영수,0203044,010-1234-5678", "0203044"),
    ("5\t정수희\t880512-\n2\t우리은행", "880512-\n2"),
    ("대상자: 한철민(67세, 남) 560304-1XXXXXX", "560304-1XXXXXX"),
])
def test_the_front_half_with_its_sex_digit_is_masked_in_a_list_of_persons(text, value):
    assert_masked(text, value)


def test_an_example_of_a_masked_number_in_prose_stays():
    assert_kept("이미 가려진 값 900101-1****** 는 그대로 둔다.")


@pytest.mark.parametrize("separator", ["_", " / ", ". ", "-\n", "\n-", " — ", "~", "ㅡ", " . "])
def test_a_registration_number_with_an_odd_separator_or_broken_line_is_masked(separator):
    front, back = "790402", "1" + digits(6)
    out = assert_masked(f"주민등록번호 {front}{separator}{back} 확인", back)
    assert front not in out


# --- phones ------------------------------------------------------------------------------

HOME_CUES = ["자택 {n}", "자택전화: {n}", "집 전화 {n}", "집 번호는 {n}입니다", "어르신 댁({n})으로 방문",
             "민원인 연락처 {n}", "보호자 {n}", "(자) {n}"]


def home_phones():
    rng = random.Random(2)
    for i, cue in enumerate(HOME_CUES):
        for area in ("02", "031", "051", "064", "070"):
            a, b = digits(rng.choice([3, 4]), rng, "2345678"), digits(4, rng, "0123456789")
            number = rng.choice([f"{area}-{a}-{b}", f"({area}){a}-{b}", f"{area}) {a}-{b}", f"{area}.{a}.{b}",
                                 f"{area} {a} {b}"])
            yield cue.format(n=number), number


@pytest.mark.parametrize("text, number", list(home_phones()))
def test_a_home_landline_is_masked(text, number):
    assert_masked(text, number)


@pytest.mark.parametrize("text", [
    "담당: 정보공개정책과 02-2133-5678, 대표전화 02-120",
    "문의: 도봉구청 복지정책과 (02-2091-3114)",
    "주민센터 전화 02-2148-5000, 팩스 02-2148-5099",
    "사무실 031-123-4567로 연락 바랍니다",
    "| 1 | 홍길동 | 주무관 | 02-2286-5678 |",
    "○○복지관 ☎ 02-950-1234",
    "자택 근처 민원은 02-2133-4906으로",  # the city hall's own lines stay whatever stands before
])
def test_office_lines_are_public(text):
    assert_kept(text)


@pytest.mark.parametrize("number", [
    "010)1234-5678", "010) 1234-5678", "010 - 1234 - 5678", "010 -1234- 5678", "(010) 1234 - 5678",
    "공일공 일이삼사 오육칠팔", "공일공-일이삼사-오육칠팔", "공일공에 일이삼사에 오육칠팔", "영일영 하나둘셋넷 오육칠팔",
])
def test_a_mobile_number_in_every_spelling_is_masked(number):
    assert_masked(f"연락 주실 번호는 {number}입니다.", number)


def mobiles(rng):
    return f"{rng.choice('016789')}", digits(4, rng, "123456789"), digits(4, rng, "0123456789")


def glued_particles():
    rng = random.Random(5)
    for form in ("+82 1{a}-{b}-{c}", "+82-1{a}-{b}-{c}", "+82 (0)1{a}-{b}-{c}", "+82 1{a} {b} {c}", "01{a}-{b}-{c}"):
        for particle in ("이요.", "이에요.", "이고요, 낮에만 받아요."):
            # with 이 read as 2, 82 1a bb… is a registration number's shape (82-1a-bb, sex digit b[2])
            a = "0" if form.startswith("+") else rng.choice("016789")
            b = f"{rng.randint(10, 28)}{rng.randint(1, 8)}{rng.randint(0, 9)}"
            number = form.format(a=a, b=b, c=digits(4, rng, "0123456789"))
            yield f"고객: {number}{particle}", number


@pytest.mark.parametrize("text, number", list(glued_particles()))
def test_a_mobile_in_arabic_digits_with_the_particle_i_glued_is_masked(text, number):
    # +82 10-2053-9919이: the digits with 이 read as 2 make a registration number's shape
    assert_masked(text, number)


def spelled_in_cells():
    rng = random.Random(6)
    korean = dict(zip("0123456789", "공일이삼사오육칠팔구"))
    for before, after in (("050821\t", "\t14,100,000"), ("790206      ", "   35,150,000"),
                          ("1975년 5월 13일\t", "\t금 5,650,000원"), ("65세 이상\u3000\u3000", "  1,160,000원")):
        for hyphen in ("에 ", "-", " "):
            a, b, c = mobiles(rng)
            number = hyphen.join("".join(korean[d] for d in group) for group in ("01" + a, b, c))
            yield f"{rng.randint(1, 9)}\t김영희\t{before}{number}{after}", number


@pytest.mark.parametrize("text, number", list(spelled_in_cells()))
def test_a_spelled_mobile_is_read_in_its_own_table_cell(text, number):
    # the run of digits went on into the next cell's amount (or took the 일 of a date) and read as no number
    out = assert_masked(text, number)
    assert re.search(r"[\d,]+,000원?$", text).group() in out  # the amount in the next cell stays


@pytest.mark.parametrize("text, date", [
    ("3\t진목규\t1975년 5월 13일\t공일공-이일구육-팔팔삼구\t금 5,650,000원", "1975년 5월 13일"),
    ("4\t문록형\t2005년 5월 9일\t010-6516-7316)\t은평구", "2005년 5월 9일"),  # 91 010… read as a registration number
    ("생년월일 1991년 1월 6일 010-5167-3160", "1991년 1월 6일"),
])
def test_the_il_of_a_dates_day_is_no_spelled_digit(text, date):
    out = assert_masked(text, date)
    assert "[생년월일]" in out and "[휴대전화번호]" in out


@pytest.mark.parametrize("before", ["주곡리 471-5", "주곡리 471", "등촌동 348-95", "105동 1203호"])
@pytest.mark.parametrize("gap", ["  ", "\u3000\u3000", "      "])
def test_two_blanks_between_numbers_part_table_cells(before, gap):
    # normalising made the cell gap one blank, and the date of birth was no longer a whole cell
    out = assert_masked(f"2  이의래   경기도 양평군 {before}{gap}590112        금 10,900,000원", "590112")
    assert "금 10,900,000원" in out


@pytest.mark.parametrize("prefix", ["(Olb)", "(OlO)", "(0l6)", "(Ol9)", "(ㅇ1ㅇ)"])
def test_a_bracketed_mobile_prefix_in_look_alike_letters_is_masked(prefix):
    # the bracket kept the letters as letters (as after a speaker's tag: B) 1973.07.19)
    number = f"{prefix}{digits(4, RNG)}-{digits(4, RNG, '0123456789')}"
    assert_masked(f"2. 연락처: {number}\n3. 여권번호", number)


def test_a_spoken_hyphen_is_read_only_inside_a_private_number():
    assert_kept("제1조에 이사회의 일정에 삼일 사이에 오일을 더한다")


# --- addresses ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("민원인 주소: 서울특별시 강북구 도봉로 12길 34", "도봉로 12길 34"),
    ("신청인은 서울 강북구 미아동 123-45 거주", "미아동 123-45"),
    ("주소 래미안아파트 103동 1204호", "래미안아파트 103동 1204호"),
    ("경기도 양평군 서종면 문호리 123에 사는 어르신", "문호리 123"),
    ("1,문희시,1941.06.13,독산동 781-80,033.411.7757", "독산동 781-80"),
    ("노원구 상계로 45, 주공아파트 7동 305호", "상계로 45"),
    ("자택: 중랑구 망우로 77-3", "망우로 77-3"),
    ("전라남도 해남군 황산면 우항리 429 거주", "우항리 429"),
    ("신고자 거주지: 충청남도 부여군 규암면 합송리 644\n위치: 강남구청 앞", "합송리 644"),  # 위 of the next line
    ("민원인\t홍길동\n주소\t서울특별시 마포구 성미산로 17-5\t접수일\t2026-01-05", "성미산로 17-5"),
    ("1,이란,완료,국민은행 123456-01-123456,은평구 한천로 30", "한천로 30"),  # 은행 is another cell's
])
def test_a_private_persons_address_is_masked(text, value):
    assert_masked(text, value)


# --- bank accounts --------------------------------------------------------------------------

LAYOUTS = {"국민은행": (6, 2, 6), "신한은행": (3, 3, 6), "우리은행": (4, 3, 6), "하나은행": (3, 6, 5),
           "NH농협": (3, 4, 4, 2), "지역농협": (6, 2, 6), "IBK기업은행": (3, 6, 2, 3), "카카오뱅크": (4, 2, 7),
           "새마을금고": (4, 4, 4, 1), "우체국": (6, 2, 6), "수협": (3, 2, 6), "부산은행": (3, 4, 4, 2),
           "대구은행": (3, 2, 6, 1), "경남은행": (3, 2, 7), "토스뱅크": (4, 4, 4), "SC제일은행": (3, 2, 6)}


def accounts():
    rng = random.Random(3)
    for bank, layout in LAYOUTS.items():
        number = "-".join(digits(n, rng, "0123456789") for n in layout)
        yield f"{bank} {number} (예금주 본인)", number
        yield f"| {rng.randint(1, 9)} | 지급 | {number} | {rng.randint(1, 99) * 10_000:,}원 |", number  # no bank named
        yield f"환불: {number}", number


@pytest.mark.parametrize("text, number", list(accounts()))
def test_an_account_in_every_banks_layout_is_masked(text, number):
    out = assert_masked(text, number)
    assert "원" not in text or "원 |" in out  # the amount beside it stays


def test_bare_account_digits_in_a_row_of_persons_are_masked():
    out = assert_masked("6  박영희   상계동 우성아파트 3동 201호        56635638656124         금 31,940,000원",
                        "56635638656124")
    assert "31,940,000원" in out
    assert_kept("| 1 | 2021년 | 12345678901 | 조례 제정 |")


def addresses_beside_banks():
    rng = random.Random(7)
    for bank, layout in LAYOUTS.items():
        number = "-".join(digits(n, rng, "0123456789") for n in layout)
        lot = rng.choice(["석관동 {}-{}", "강원특별자치도 홍천군 서면 모곡리 {}-{}", "상계동 {}-{}"]).format(
            rng.randint(1, 999), rng.randint(1, 99))
        yield f"5  김건승   {bank} {number}  {lot}              39,620,000     재학생", lot  # the bank before it
        yield f"4,류한한,(010)7155-1632,완료,{lot},{bank} {number},\"금 6,510,000원\"", lot  # the bank after it


@pytest.mark.parametrize("text, value", list(addresses_beside_banks()))
def test_a_bank_naming_an_account_in_the_row_is_no_place_for_the_address(text, value):
    assert_masked(text, value)


def test_a_bank_as_the_place_keeps_its_address():
    assert_kept("행사장: 서면 모곡리 265-2 농협 앞")
    assert_kept("장소: 하나은행 본점(중구 을지로 35)")


@pytest.mark.parametrize("text", [
    "의견 제출처: 서울특별시 중구 세종대로 110 서울특별시청",
    "의견 제출처:\n서울특별시 중구 세종대로 110",
    "보내실 곳: 서울특별시 중구\n세종대로 110 서울특별시청 정보공개정책과",
    "청사: 서울특별시 중구 세종대로 110",
    "(우)04524 서울특별시 중구 세종대로 110",
    "장소: 도봉구청(도봉구 마들로 656) 대회의실",
    "카페세마(노원구 동일로 1238)에서 간담회",
    "경기 하남시 서하남로 513 서부농협마트",
    "사업장 소재지: 서울 금천구 가산디지털1로 168",
    "위치: 중구 세종대로11길 35 앞 보도블록 파손",
    "도로 12개소 보수, 전자우편으로 2021. 3. 4. 회신",
    "노량진로 일대 정비",
])
def test_an_agencys_or_a_facilitys_address_is_public(text):
    assert_kept(text)


@pytest.mark.parametrize("text", [
    "의견 제출처 … 주소: 서울특별시 중구 세종대로 110 서울특별시청",
    "의견 제출처\n주소: 서울특별시 중구 세종대로 110 서울특별시청",
    "의견 제출처\n주소: 서울특별시 중구 세종대로 110",
    "문의처: 도봉구청 복지정책과 / 주소: 도봉구 마들로 656 도봉구청 별관",
    "담당부서: 도시계획과\n전화: 02-2133-1234\n주소: 서울특별시 노원구 동일로 1238 노원구청 2층",
    "주소: 서울특별시 중구 세종대로 110\n서울특별시청 정보공개정책과",
    "접수처 주소: 서울특별시 도봉구 마들로 656, 도봉구청 민원여권과",
])
def test_an_agencys_address_under_the_label_address_is_public_when_its_block_says_so(text):
    # the label 주소 alone was read as a person's cue, nearer than the agency named after the address
    assert_kept(text)


@pytest.mark.parametrize("text, value", [
    ("민원인: 홍길동\n주소: 노원구 동일로 1238 노원구청", "동일로 1238"),  # a person's block
    ("신청인 주소: 서울특별시 중구 세종대로 110 서울특별시청", "세종대로 110"),
    ("민원인 홍길동 (자택)\n연락처 010-1234-5678\n주소: 노원구 동일로 1238 노원구청", "동일로 1238"),
    ("의견 제출처\n주소: 서울특별시 마포구 성미산로 17-5", "성미산로 17-5"),  # no agency named: whose is unknown
    ("담당부서: 도시계획과\n주소: 서울특별시 마포구 성미산로 17-5 래미안아파트 103동 1204호", "103동 1204호"),
    ("주소: 서울특별시 강북구 도봉로 12-3 거주", "도봉로 12-3"),
])
def test_a_private_address_under_the_label_address_stays_masked(text, value):
    assert_masked(text, value)


@pytest.mark.parametrize("length", [12, 13, 14])
def test_bare_account_digits_with_a_leading_zero_in_a_row_of_persons_are_masked(length):
    number = "0" + digits(length - 1, random.Random(length), "0123456789")
    assert_masked(f"| 1 | 김율 | {number} | 금 5,830,000원 |", number)
    assert_masked(f"7  성율원의  1971-09-15    11,300,000   재학생  {number}", number)
    assert_masked(f"8,윤명하,19411021,051 8536 6137,{number},\"4,570,000\"", number)


@pytest.mark.parametrize("phone", ["051 8536 6137", "6137", "02-6137", "010 8536"])
def test_a_csv_comma_between_a_number_and_an_account_is_a_cell_edge(phone):
    # 6137,4091777864235 read as one card number 6137-4091-7778-6423-5 took the account with it
    out = assert_masked(f"8,윤명하,19411021,{phone},4091777864235,\"4,570,000\"", "4091777864235")
    assert "4,570,000" in out


def business_number(rng):
    body = digits(9, rng)
    value = body + business_check_digit(body)
    return f"{value[:3]}-{value[3:5]}-{value[5:]}"


def test_public_numbers_of_the_same_shape_survive():
    rng = random.Random(4)
    for _ in range(20):
        assert_kept(f"입금 계좌 안내, 계약업체 사업자등록번호 {business_number(rng)}")
    assert_kept("문서번호 123456-01-123456, 예산과목 100-016-123456")
    assert_kept("법인등록번호 110111-1234567, ISBN 978-89-1234-567-8")
    assert_kept("세출과목 010-016-1234, 관리번호 1234-5678-9012")


# --- e-mail -----------------------------------------------------------------------------------

@pytest.mark.parametrize("address", [
    "hong12 at naver.com", "hong12 (at) naver (dot) com", "hong12[at]naver[dot]com", "hong12 골뱅이 naver.com",
    "hong12[@]naver[.]com", "hong12 @ naver . com", "hong12 AT gmail DOT com", "홍길동@한국.kr",
    "hong@xn--3e0b707e.kr", "길동@서울시민.한국", "hong12@naver.\ncom", "hong12@na\nver.com",
])
def test_a_private_e_mail_in_every_disguise_is_masked(address):
    out = assert_masked(f"회신 메일: {address} 으로 보내 주세요", address)
    assert "hong12" not in out and "hong@" not in out


@pytest.mark.parametrize("address", [
    "opengov@seoul.go.kr", "minwon@sen.go.kr", "info@mapo.seoul.kr", "safety@sisul.or.kr", "press@korea.kr",
    "opengov@seoul.go.\nkr", "opengov@seoul.\ngo.kr", "opengov@seo\nul.go.kr", "welfare@seoul.go\n.kr",
])
def test_agency_mail_is_public_also_when_split_over_two_lines(address):
    assert_kept(f"담당 부서 전자우편 {address} (정보공개정책과)")


def test_an_address_glued_to_a_korean_word_is_masked_without_the_word():
    assert redact_text("메일주소는hong12@naver.com입니다") == "메일주소는[전자우편]입니다"


def test_korean_domains_are_read_with_idna():
    assert ascii_domain("한국.kr") == "xn--3e0b707e.kr"
    assert ascii_domain("xn--3e0b707e.kr") == "xn--3e0b707e.kr"
    assert ascii_domain("seoul.go") == "seoul.go" and ascii_domain("naver.c") is None


# --- sensitive data ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, phrase", [
    ("대상자: 김○○(78세, 여), 기초생활수급자, 치매 진단", "기초생활수급자"),
    ("대상자: 김○○(78세, 여), 기초생활수급자, 치매 진단", "치매 진단"),
    ("이영수 씨는 지체장애 2급으로 휠체어를 사용함", "지체장애 2급"),
    ("민원인은 의료급여 1종 수급권자임", "의료급여 1종 수급권자"),
    ("어르신은 차상위계층이며 우울증 치료 중", "차상위계층"),
    ("대상자 박○○: 장애의 정도가 심한 장애인(지체).", "장애의 정도가 심한 장애인"),
    ("| 3 | 최** | 남 | 중증장애인 | 010-1234-5678 |", "중증장애인"),
    ("대상자: 표기(80세, 여)\n표기(치매 진단을 받아).", "치매 진단"),
])
def test_a_sensitive_fact_tied_to_a_person_is_masked(text, phrase):
    assert_masked(text, phrase)


@pytest.mark.parametrize("text", [
    "기초생활수급자 및 차상위계층에 대한 지원 사업 계획",
    "중증장애인 1,234명, 의료급여 수급자 56가구 지원",
    "지원 대상자: 기초생활수급자 및 차상위계층, 중증장애인",
    "치매안심센터 운영 및 장애인 주차구역 단속",
    "치매(알츠하이머) 환자 지원 사업",
    "건축물 정밀안전진단 결과 보고",
])
def test_sensitive_words_about_no_one_stay(text):
    assert_kept(text)
