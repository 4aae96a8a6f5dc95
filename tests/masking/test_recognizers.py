"""What each recognizer masks and what it must leave public (no CKAN needed)."""
import pytest

from masking import Mask, redact_text, scan


def kinds(text):
    return [(f.kind, f.text) for f in scan(text)]


@pytest.mark.parametrize("text, kind, value", [
    ("주민등록번호 900101-1234567 확인", "resident_registration_number", "900101-1234567"),
    ("주민번호 460512 5858963", "alien_registration_number", "460512 5858963"),  # space-separated, 5 = foreigner
    ("9001011234567의 소유자", "resident_registration_number", "9001011234567"),
    ("2020년 이후 발급 211231-3987654", "resident_registration_number", "211231-3987654"),  # random back digits
    ("외국인등록번호 850315-6123456", "alien_registration_number", "850315-6123456"),
    ("연락처 010-1234-5678로", "mobile_phone", "010-1234-5678"),
    ("연락처 010 1234 5678", "mobile_phone", "010 1234 5678"),
    ("연락처 01012345678", "mobile_phone", "01012345678"),
    ("연락처 011.234.5678", "mobile_phone", "011.234.5678"),
    ("연락처 +82 10-1234-5678", "mobile_phone", "+82 10-1234-5678"),
    ("연락처 +821012345678", "mobile_phone", "+821012345678"),
    ("연락처 (016)123-4567", "mobile_phone", "(016)123-4567"),
    ("hong12@naver.com의 메일", "email", "hong12@naver.com"),
    ("카드 4111-1111-1111-1111로 결제", "card_number", "4111-1111-1111-1111"),
    ("카드 4111 1111 1111 1111", "card_number", "4111 1111 1111 1111"),
    ("카드 3782 822463 10005", "card_number", "3782 822463 10005"),
    ("환불 계좌: 국민은행 123456-01-123456", "bank_account", "123456-01-123456"),
    ("예금주 확인 후 입금 계좌 110123456789", "bank_account", "110123456789"),
    ("여권번호 M12345678", "passport_number", "M12345678"),
    ("여권 M123A4567", "passport_number", "M123A4567"),
    ("면허 11-12-345678-90", "driver_license", "11-12-345678-90"),
    ("면허 27-19-123456-01", "driver_license", "27-19-123456-01"),  # region 27, missed by one library
    ("면허 서울 12-345678-90", "driver_license", "서울 12-345678-90"),
    ("운전면허번호 111234567890", "driver_license", "111234567890"),
    ("민원인 차량 12가3456의 주차", "vehicle_plate", "12가3456"),
    ("민원인 차량 123가4567", "vehicle_plate", "123가4567"),
    ("주소: 서울특별시 마포구 월드컵로 123, 61동 984호", "address", "월드컵로 123, 61동 984호"),
    ("거주지 도봉구 창동 123-4번지", "address", "창동 123-4번지"),
    ("아파트 61동 984호에서", "address", "61동 984호"),
    ("민원인 김철수는 방문하여", "person_name", "김철수"),
    ("신청인: 이영희", "person_name", "이영희"),
    ("성명 박민수(인)", "person_name", "박민수"),
    ("대표자 남궁민수", "person_name", "남궁민수"),
    ("피해자 김하은께서", "person_name", "김하은"),
])
def test_private_values_are_found(text, kind, value):
    assert (kind, value) in kinds(text)
    assert value not in redact_text(text)


@pytest.mark.parametrize("text", [
    "담당: 정보공개정책과 홍길동 주무관 (02-2133-5678)",
    "문서번호 정보공개정책과-1234, 재무과-10975",
    "다산콜센터 120, 02-120",
    "2021-01-10 14:00, 20210110",
    "금액 1,234,567원, 12345678원",
    "정보공개법 제9조 제1항 제6호",
    "사업자등록번호 123-45-67890",
    "법인등록번호 110111-1234567",
    "https://opengov.seoul.go.kr/sanction/12345",
    "opengov@seoul.go.kr, minwon@korea.kr",
    "청사: 서울특별시 중구 세종대로 110",
    "관용차량 34나5678 운행",
    "이미 가려진 900101-1****** 와 조*아, 010-****-5678",
    "생년월일이 아닌 991399-1234567",  # month 13: not a registration number
    "민원인의 요청, 신청인 본인, 민원인 주소지, 민원인 요청사항, 대표자 변경",
    "홍길동 팀장과 김철수 과장이 참석",
    "서울시청 본관 301호 회의실",
    "2021가합12345 판결",
])
def test_public_facts_are_kept(text):
    assert redact_text(text) == text, kinds(text)


def test_a_name_found_by_its_role_is_masked_everywhere():
    text = "민원인 김철수의 민원. 김철수 씨는 다시 방문하였다. 담당 김철수 주무관(동명이인)."
    assert redact_text(text) == "민원인 [성명]의 민원. [성명] 씨는 다시 방문하였다. 담당 김철수 주무관(동명이인)."


def test_every_finding_has_kind_position_and_text():
    text = "민원인 김철수 010-1234-5678"
    assert [(f.kind, f.start, f.end, text[f.start:f.end]) for f in scan(text)] == [
        ("person_name", 4, 7, "김철수"), ("mobile_phone", 8, 21, "010-1234-5678")]


def test_replacements_are_consistent_tokens_or_length_keeping_masks():
    text = "연락처 010-1234-5678, 010-9999-8888"
    assert redact_text(text) == "연락처 [휴대전화번호], [휴대전화번호]"
    assert redact_text(text, operators={"mobile_phone": Mask()}) == "연락처 ***-****-****, ***-****-****"


@pytest.mark.parametrize("text, value", [
    ("성명(한자): 洪吉童", "洪吉童"),
    ("신청인 金哲洙 (김철수)", "金哲洙"),
    ("성명 (한자) 南宮民秀", "南宮民秀"),
])
def test_a_labelled_name_in_hanja_is_masked(text, value):
    assert ("person_name", value) in kinds(text)
    assert value not in redact_text(text)


@pytest.mark.parametrize("text", [
    "성명(한자), 성명(영문), 이름(서명), 성명(인), 민원인(한글)",  # a form's labels: how the name is written
    "세출과목 010-016-1234, 011-023-4567",  # no mobile number's middle part starts with 0
])
def test_labels_and_codes_that_look_like_values_are_kept(text):
    assert redact_text(text) == text, kinds(text)


@pytest.mark.parametrize("given", ["효예", "수이", "채이", "민예", "경이"])
@pytest.mark.parametrize("said", ["민원인: 박{}요.", "성함이 어떻게 되세요?\n고객: 박{}요.\n", "저는 박{}요.",
                                  "성함이 어떻게 되세요?\n민원인) 네 박{}라고 합니다.\n"])
def test_a_said_name_whose_last_syllable_may_be_the_ending_is_masked_whole(said, given):
    # 박효예요: 박효 + 예요 or 박효예 + 요 — the three-syllable reading is masked too
    text = said.format(given)
    assert f"박{given}" not in redact_text(text), kinds(text)


@pytest.mark.parametrize("name", ["심채하율", "권채안건", "홍길동", "남궁민수"])
def test_a_name_in_a_tab_separated_cell_before_ssi_is_masked(name):
    # the words before 씨 ran across the tab into the cell before: "심채하율⇥심채하율" is found nowhere
    text = f"2024-03-13 19:59\t{name}\t{name} 씨 말에 동의합니다."
    assert name not in redact_text(text), kinds(text)


@pytest.mark.parametrize("name", ["권채안건", "김민결과", "이수내용", "박하일시"])
def test_a_nicknames_bracket_holds_a_name_whatever_it_ends_with(name):
    # four syllables ending in a label's word (안건, 결과) after a nickname are its owner's name
    text = f"[2023-06-05 12:03] 닉네임 seoul_mom({name}) — 저희 집도 피해를 입었습니다."
    assert name not in redact_text(text), kinds(text)
    assert redact_text("답변(윤율동장): 확인하겠습니다.") == "답변(윤율동장): 확인하겠습니다."


@pytest.mark.parametrize("name", ["김근빈양", "박소양", "이수군"])
def test_a_name_ending_in_gun_or_yang_before_nim_is_masked_whole(name):
    # 김근빈 + 양 was read as 김근빈 with the honorific 양, then dropped as ambiguous; 님 after it says 양 is the name's
    text = f"{name} 님이 (010)4576-5799로 회신을 요청함."
    assert name not in redact_text(text), kinds(text)


@pytest.mark.parametrize("name", ["김린기준", "도휘결과", "최우내용"])
def test_a_four_syllable_speaker_ending_like_a_label_is_a_name(name):
    text = (f"{name}: 연락 주실 번호는 (010)4493-8601입니다.\n답변(실장 정의상): 검토하겠습니다.\n"
            "주민 서순의: 다음에도 오겠습니다.")
    assert name not in redact_text(text), kinds(text)
    kept = "신청기간: 2021. 3. 4.까지입니다.\n처리결과: 조치하였습니다.\n회의일시: 3월 4일입니다."
    assert redact_text(kept) == kept
