"""Obfuscated personal information is recognised in the text as written, and
masked in place: the finding points at the author's characters and the rest
of the text stays as the author wrote it (no CKAN needed)."""
import pytest

from masking import Mask, redact, redact_text, scan
from masking.normalize import normalize
from masking.recognizers import LABELS

ZWSP, ZWJ, SHY, BOM, RLO, PDF, VS16, WJ = "\u200b", "\u200d", "\u00ad", "\ufeff", "\u202e", "\u202c", "\ufe0f", "\u2060"


@pytest.mark.parametrize("before, value, after, kind", [
    # full-width, other scripts, circled, parenthesised, superscript, mathematical digits
    ("댓글입니다 ", "０１０－１２３４－５６７８", " 로 연락 주세요", "mobile_phone"),
    ("연락처 ", "٠١٠-١٢٣٤-٥٦٧٨", "", "mobile_phone"),
    ("연락처 ", "०१०-१२३४-५६७८", "", "mobile_phone"),
    ("연락처 ", "⓪①⓪-①②③④-⑤⑥⑦⑧", "", "mobile_phone"),
    ("연락처 ", "⓪⑴⓪⑴⑵⑶⑷⑸⑹⑺⑻", "", "mobile_phone"),
    ("연락처 ", "𝟎𝟏𝟎-𝟏𝟐𝟑𝟒-𝟓𝟔𝟕𝟖", "", "mobile_phone"),
    ("연락처 ", "0️⃣1️⃣0️⃣-1️⃣2️⃣3️⃣4️⃣-5️⃣6️⃣7️⃣8️⃣", "", "mobile_phone"),
    ("주민번호 ", "９００１０１－１２３４５６７", "입니다", "resident_registration_number"),
    # invisible and formatting characters inside the value
    ("연락처 ", f"0{ZWSP}1{ZWSP}0-1{ZWJ}234-56{SHY}78", "", "mobile_phone"),
    ("연락처 ", f"010{WJ}1234{BOM}5678", "", "mobile_phone"),
    ("메일 ", f"ho{ZWSP}ng12@na{SHY}ver.com", "", "email"),
    ("연락처 ", f"{RLO}8765-4321-010{PDF}", "", "mobile_phone"),  # drawn right to left: 010-1234-5678
    ("카드 ", f"4111{VS16} 1111 1111 1111", "", "card_number"),
    # odd separators
    ("연락처 ", "010ㅡ1234ㅡ5678", "", "mobile_phone"),
    ("연락처 ", "010~1234~5678", "", "mobile_phone"),
    ("연락처 ", "010 - 1234 - 5678", "", "mobile_phone"),
    ("연락처 ", "010 ㅡ 1234 ㅡ 5678", "", "mobile_phone"),
    ("연락처 ", "010_1234_5678", "", "mobile_phone"),
    ("연락처 ", "010/1234/5678", "", "mobile_phone"),
    ("연락처 ", "010·1234·5678", "", "mobile_phone"),
    ("연락처 ", "010,1234,5678", "", "mobile_phone"),
    ("연락처 ", "010)1234-5678", "", "mobile_phone"),
    ("연락처 ", "010  1234  5678", "", "mobile_phone"),
    ("연락처 ", "0 1 0 1 2 3 4 5 6 7 8", " 입니다", "mobile_phone"),
    ("연락처 ", "0 1 0 - 1 2 3 4 - 5 6 7 8", "", "mobile_phone"),
    ("연락처 ", "0.1.0.1.2.3.4.5.6.7.8", "", "mobile_phone"),
    ("카드 ", "4111.1111.1111.1111", "로 결제", "card_number"),
    ("주민번호 ", "900101 ㅡ 1234567", "", "resident_registration_number"),
    ("환불 계좌: 국민은행 ", "123456ㅡ01ㅡ123456", "", "bank_account"),
    # letters for digits
    ("연락처 ", "O1O-1234-5678", "", "mobile_phone"),
    ("연락처 ", "OlO-l234-5678", "", "mobile_phone"),
    ("연락처 ", "ㅇ1ㅇ-1234-5678", "", "mobile_phone"),
    ("연락처 ", "010-I234-567O", "", "mobile_phone"),
    # digits spelled in Korean
    ("번호는 ", "공일공 일이삼사 오육칠팔", "로 주세요", "mobile_phone"),
    ("번호는 ", "영일영-일이삼사-오육칠팔", "이 맞습니다", "mobile_phone"),
    ("번호는 ", "공일공일이삼사오육칠팔", "", "mobile_phone"),
    ("번호는 ", "010-일이삼사-5678", "", "mobile_phone"),
    # e-mail addresses spelled out
    ("메일 ", "hong12 [at] gmail [dot] com", " 으로", "email"),
    ("메일 ", "hong12(at)gmail.com", "", "email"),
    ("메일 ", "hong12 at gmail dot com", "", "email"),
    ("메일 ", "hong12 {AT} gmail {DOT} co {DOT} kr", "", "email"),
    ("메일 ", "hong12 골뱅이 gmail 닷 com", "", "email"),
    ("메일 ", "hong12골뱅이gmail점com", "", "email"),
    ("메일 ", "hong12 앳 naver 쩜 com", "", "email"),
    ("메일 ", "hong12 골뱅이 네이버 닷컴", "으로", "email"),
    ("메일 ", "hong12@지메일", " 로", "email"),
    ("메일 ", "hong12 @ gmail . com", "", "email"),
    ("메일 ", "ｈｏｎｇ１２＠ｇｍａｉｌ．ｃｏｍ", "", "email"),
    ("메일 ", "hong12﹫gmail。com", "", "email"),
    ("메일 ", "hong12ⓐgmail.com", "", "email"),
    ("메일 ", "hоng12@gmаil.com", "", "email"),  # Cyrillic о and а
    # names: invisible characters inside a role word or the name, decomposed Hangul (as macOS writes)
    (f"민{ZWSP}원인 ", f"김{ZWSP}철수", "의 민원", "person_name"),
    ("\u1106\u1175\u11ab\u110b\u116f\u11ab\u110b\u1175\u11ab ", "\u1100\u1175\u11b7\u110e\u1165\u11af\u1109\u116e",
     " 방문", "person_name"),
])
def test_an_obfuscated_value_is_masked_where_it_stands(before, value, after, kind):
    text = before + value + after
    findings = [f for f in scan(text) if f.kind == kind]
    assert findings, scan(text)
    value_start = len(before)
    assert any(f.start <= value_start + 1 and f.end >= len(before + value) - 1 for f in findings), findings
    for f in findings:
        assert text[f.start:f.end] == f.text  # the author's characters, at their positions
    masked = redact_text(text)
    assert masked.startswith(before[:2]) and masked.endswith(after)
    assert f"[{LABELS[kind]}]" in masked
    assert normalize(masked).text.count(normalize(value).text) == 0


def test_findings_point_at_the_original_characters():
    text = f"민원인 김철수 ０１０－１２３４－５６７８ 메일 hong [at] gmail [dot] com{ZWSP} 끝"
    found = [(f.kind, f.start, f.end, f.text) for f in scan(text)]
    phone, mail = "０１０－１２３４－５６７８", "hong [at] gmail [dot] com"
    assert found == [("person_name", 4, 7, "김철수"),
                     ("mobile_phone", text.index(phone), text.index(phone) + len(phone), phone),
                     ("email", text.index(mail), text.index(mail) + len(mail), mail)]
    assert redact_text(text) == f"민원인 [성명] [휴대전화번호] 메일 [전자우편]{ZWSP} 끝"


def test_the_rest_of_the_text_is_kept_as_written():
    text = "①번 안건: ＡＢＣ 회의실, ㈜서울 — 담당 홍길동 주무관 ☎ 02-2133-5678. 제보: ０１０ ２２２２ ３３３３"
    assert redact_text(text) == "①번 안건: ＡＢＣ 회의실, ㈜서울 — 담당 홍길동 주무관 ☎ 02-2133-5678. 제보: [휴대전화번호]"


def test_a_length_keeping_mask_covers_every_original_character():
    text = "연락처 ０１０－１２３４－５６７８"
    assert redact_text(text, operators={"mobile_phone": Mask()}) == "연락처 *************"


def test_expanding_and_vanishing_characters_map_back():
    text = f"{ZWSP}⑩{ZWSP}가"
    normal = normalize(text)
    assert normal.text == "10가"
    assert normal.original_span(0, 1) == (1, 2) and normal.original_span(1, 2) == (1, 2)  # both digits are ⑩
    assert normal.original_span(0, 3) == (1, 4) and normal.original_span(2, 3) == (3, 4)
    assert normalize("민원인 김철수").passes == ()  # ordinary text is read as it is


def test_non_public_parts_and_findings_share_the_original_positions():
    text = "비밀 구간 ０１０－１１１１－２２２２ 끝. 공개 구간 ０１０－３３３３－４４４４"
    from masking import NonPublicPart
    result = redact(text, [NonPublicPart(6, text="비밀 구간 ０１０－１１１１－２２２２ 끝.")])
    assert result.text == "[비공개: 제9조 제1항 제6호] 공개 구간 [휴대전화번호]"
    assert [f.text for f in result.findings] == ["０１０－３３３３－４４４４"]


@pytest.mark.parametrize("text", [
    "2021.01.10 14:00 회의, 2021/01/10 ~ 2021/02/10",
    "금액 1,234,567,890원, 5,000,000원과 12,345,678.90원",
    "담당 02)2133-5678, ☎ ０２－２１３３－５６７８, 다산콜센터 ①②⓪",
    "서버 192.168.100.200 점검, 버전 10.2.1.1234",
    "Ⅳ. 추진 실적 ① 2021년 ② 2022년 ③ 2023년",
    "영일만 일대, 이사 오일 작업, 일이삼사오 순서",
    "일정: 1 2 3 4 5 6 7 8 9 10 11 12월",
    "opengov@seoul.go.kr, minwon [at] seoul [dot] go [dot] kr, 담당자 골뱅이 korea.kr",
    "이미 가려진 900101-1******, 010-****-5678, 조*아, hong***@naver.com",
    "O 표시와 l 표시, Oil 1234, COVID19 대응",
    "문서번호 정보공개정책과-1234 (2021. 1. 6. 19:20)",
    "ISBN 978-89-6298-319-7, 사업자등록번호 123-45-67890",
    "at the meeting at 3 pm, dot plan",
    "ㅋㅋㅋ ㅡㅡ ㅇㅇ 좋아요",
])
def test_public_facts_survive_normalisation(text):
    assert redact_text(text) == text, scan(text)


# A penetration tester's comments, petitions and disclosure requests that passed unmasked, each
# with its siblings: the same trick in another number, script or spacing.
@pytest.mark.parametrize("before, value, after, kind", [
    # a line break inside a number (typed, or a long line wrapped by a PDF's layout)
    ("연락처 ", "010-1234-\n5678", " 입니다", "mobile_phone"),
    ("연락처 ", "010-\n1234-\n5678", "", "mobile_phone"),
    ("연락처 ", "010 -\r\n1234 - 5678", "", "mobile_phone"),
    ("연락처 ", "010\n1234-\n5678", "", "mobile_phone"),
    ("연락처\n", "0\n1\n0\n1\n2\n3\n4\n5\n6\n7\n8", "\n끝", "mobile_phone"),  # written down the page
    ("카드 ", "4111-1111-\n1111-1111", "", "card_number"),
    # digits regrouped, so that no group has a phone number's length
    ("연락처 ", "010-12-34-56-78", " 로 주세요", "mobile_phone"),
    ("연락처 ", "010 12 34 56 78", "", "mobile_phone"),
    ("연락처 ", "0101-234-5678", "", "mobile_phone"),
    ("연락처 ", "01012-345-678", "", "mobile_phone"),
    ("연락처 ", "010.12.345.678", "", "mobile_phone"),
    ("연락처 ", "010ㅡ12ㅡ34ㅡ56ㅡ78", "", "mobile_phone"),
    ("연락처 ", "+82-10-12-34-56-78", "", "mobile_phone"),
    ("주민번호 ", "9001-01-12-34-567", "", "resident_registration_number"),
    ("카드 ", "41-11-11-11-11-11-11-11", "", "card_number"),
    # brackets as separators
    ("연락처 ", "010(1234)5678", "", "mobile_phone"),
    ("연락처 ", "010[1234]5678", "", "mobile_phone"),
    # digits spelled in native Korean (하나 둘 셋 …), in hanja, in English, mixed with Sino-Korean and Arabic
    ("번호는 ", "공일공 하나둘셋넷 오육칠팔", " 입니다", "mobile_phone"),
    ("번호는 ", "공일공-다섯여섯일곱여덟-아홉하나둘셋", "", "mobile_phone"),
    ("번호는 ", "빵하나빵 둘 셋 넷 다섯 여섯 일곱 여덟 아홉", "", "mobile_phone"),
    ("번호는 ", "〇一〇-一二三四-五六七八", "", "mobile_phone"),
    ("번호는 ", "零壹零-貳參肆伍-陸柒捌玖", "", "mobile_phone"),
    ("번호는 ", "〇一〇 1234 五六七八", "", "mobile_phone"),
    ("number ", "zero one zero one two three four five six seven eight", "", "mobile_phone"),
    ("번호는 ", "공1공-1234-5678", "", "mobile_phone"),
    ("번호는 ", "〇1〇-1234-5678", "", "mobile_phone"),
    ("번호는 ", "010-1234-567팔", "이에요", "mobile_phone"),
    ("번호는 ", "010-1234-오6칠8", "", "mobile_phone"),
    # letters and jamo that look like digits
    ("연락처 ", "O1O-l234-S678", "", "mobile_phone"),
    ("연락처 ", "010-Z345-6B9O", "", "mobile_phone"),
    ("연락처 ", "O1O-1234-567g", "", "mobile_phone"),
    ("연락처 ", "ㅇㅣㅇ-1234-5678", "", "mobile_phone"),
    ("연락처 ", "01O-bS12-3456", "", "mobile_phone"),
    # Roman numerals read as the digits they are
    ("연락처 ", "010-ⅠⅡⅢⅣ-5678", "", "mobile_phone"),
    ("연락처 ", "010-ⅴⅵⅶⅷ-ⅨⅠⅡⅢ", "", "mobile_phone"),
])
def test_a_testers_bypass_and_its_siblings_are_masked(before, value, after, kind):
    test_an_obfuscated_value_is_masked_where_it_stands(before, value, after, kind)


@pytest.mark.parametrize("text", [
    # ranges, dates and times across separators and lines
    "기간: 2020-12-01~2020-12-31, 2020.12.01.~2020.12.31.",
    "집행기간 2020-12-01\n~2020-12-31 (1차)\n2021-01-01\n~2021-01-31 (2차)",
    "2021. 1. 6일 19:20 회의, 12월 31일 14시",
    # codes shaped like phone numbers: a budget function code, a counting sequence, amounts, ISBNs
    "세출과목 010-016-1234 (일반공공행정-일반행정), 020-021-5678",
    "구역 01 02 03 04 05, 01-02-03-04-05-06",
    "총 예산 1,101,234,567,890원 중 12,345,678원 집행, 사업자등록번호 011-19-41930",
    "ISBN 978-89-6298-319-7, 979-11-5555-123-4",
    # the native and Sino-Korean words for numbers in ordinary sentences
    "하나 둘 셋 넷 구령에 맞춰 체조, 다섯 명이 일곱 시에 여덟 건 처리",
    "하나의 창구로 모아 둘째 주와 넷째 주에 일이삼사 단계로 추진",
    "이사 오일 교체, 영일만 일대 공사 일정",
    # hanja and Roman numerals as written in documents
    "一般會計 三千億 원, 大韓民國 第一次 計劃",
    "Ⅰ. 개요 Ⅱ. 추진 실적 Ⅲ. 향후 계획 Ⅳ. 행정사항 Ⅴ. 붙임",
    "정수처리공정에서의 As(Ⅲ, Ⅴ)와 크롬(Ⅲ,Ⅵ)의 거동 2012～2014",
    # letters beside digits in product and asset codes
    "복합기 SL-M2030W, 관리번호 S10-1234-5678, 물품번호 SB-1234-5678-90",
    "Seoul 2133 5678, Oil 1234 5678, Bus 1234 5678",
])
def test_public_facts_survive_the_new_readings(text):
    assert redact_text(text) == text, scan(text)


def test_a_line_break_inside_a_number_is_kept_as_written():
    text = "연락처 010-1234-\n5678 입니다\n다음 줄"
    assert redact_text(text) == "연락처 [휴대전화번호] 입니다\n다음 줄"


@pytest.mark.parametrize("text, name", [
    ("대표: 이일 (공일공에 삼사오공에 삼삼일공)", "이일"),          # a name of digit syllables before the number
    ("회신 바랍니다. 공일공-구칠삼일-일팔일공 (육다빈)", "육다빈"),  # and one after it
    ("연락처 공일공 일이삼사 오육칠팔 (구민서)", "구민서"),
])
def test_spelled_digits_do_not_take_a_name_beside_the_number(text, name):
    assert name in normalize(text).text
    masked = redact_text(text)
    assert name not in masked and "[휴대전화번호]" in masked, masked
