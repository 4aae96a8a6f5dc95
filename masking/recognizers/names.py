"""Every person's name in a text, with the cue that shows it is a name.

Whether a name is public is not decided here (``offices.py`` does that); this
module finds them all:

* after a role label (민원인 김철수, 성명: 이영희, 대표자 남궁민수, 청원 대표: 민기홍옥,
  성명(한자) 洪吉童, 신청인 Nguyen Van An, 신청인: 쩐 반 민) — a blank form's next
  label is not a name (성명 주민등록번호, 대표자 인감, 성명(정보주체), 성명(한자): ⏎
  전자우편: the word the name would cut, or a common word, is refused) unless a
  phone number, an age or a colon shows the word is the value (신고자 주호 /
  010-…, 작성자 설채: …, 대상자: 표기(80세, 여));
* before 씨/님/여사/어르신/군/양/학생 (김민수 씨, 황보영 어르신, 왕웨이 씨,
  응우옌 반 안 씨, John Smith 씨);
* before a parenthesis with an age, sex or occupation (박지훈(52세, 자영업));
* as a speaker in minutes or before a quotation (주민 이영희: '…', 김민수: …,
  김민수는 "…"); in minutes with two or more speakers, a speaker who says a
  sentence even when the name is a word or has four syllables (정승: 연락 주실
  번호는 …입니다), but not a label (처리결과: …하였습니다);
* in brackets after a word, a phone number or a nickname (010-… (고새),
  닉네임 하늘바라기(구옥선)) — not after a body or facility, whose bracket
  names its branch or site (생활치료센터(태능), ㈜강동에프엔비(인기명)), and after
  a common word only the dictionary's person (점검표 제출(신트리) is a place); as the answer to a question for the name
  (성함이 어떻게 되세요? ⏎ 네 공원이라고 합니다) or in a self-introduction
  (저는 …에 사는 설복로입니다);
* in a list of names (참석: 김민수, 이영희, 박철수);
* alone, where mecab-ko-dic reads the word as a person's name (김민수가 방문함),
  unless it is a place's: a place's word first (하천수: 하천 + 수) or a
  station, pass or crossing after it (남태령 지하철역).

Numbers in brackets are an age only alone (박지훈(52, 자영업), not 근무일지(1,5 화));
a quotation after a compound of common words is a title, not speech (사례집
"희망의 문턱에서"); 군/양 glued to a word end it (서울지역 토양).

A cue finds a *strong* name (masked wherever it stands, except beside an
office); a name found alone or in a list or speech is *weak* (kept everywhere
when the text ties it to an office anywhere). Two-syllable and compound
surnames (남궁, 제갈, 선우, 독고, 황보 …) are read from the surname lexicon.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from .. import morph
from .offices import OFFICIAL_TITLES

ROLES = ("민원인", "신청인", "청구인", "대표자", "피해자", "가해자", "신고인", "진정인", "고소인", "피고소인",
         "보호자", "세대주", "수령인", "예금주", "소유자", "응시자", "수상자", "성명", "이름", "성 명", "수급자",
         "제보자", "참고인", "위임인", "대리인", "수임인", "임차인", "임대인", "매수인", "매도인", "상속인",
         "피상속인", "이용자", "환자", "사망자", "부상자", "구직자", "채무자", "채권자", "납세자", "체납자",
         "신고자", "청원인", "청원 대표", "대표 청원인", "작성자", "대상자", "제3자", "세입자", "고객", "Name", "NAME",
         "Full name", "Applicant", "Applicant name", "대표")
# Words that follow a role label but are not names, alone or with a noun suffix
# (주소 → 주소지). Only exact words: 변경혜 is a name even though 변경 is not.
NOT_NAMES = frozenset("""본인 주소 연락처 전화 요청 의견 민원 성명 이름 정보 명의 대리인 귀하 개인 자격 서명 날인
확인 제출 기재 생략 비공개 전원 다수 각각 모두 없음 미상 해당 관련 소유 일동 등록 변경 주민 외국인 미기재 측
대표 본부 여러분 거주 명단 현황 인원 신분 등 외 및 중 전부 일부 공동 유족 가족 부모 자녀 배우자 이하 기타
차량 주장 진술 답변 신청 동의 이의 인적 사업 상담 방문 제기 소속 성별 나이 연령 기간 장소 서류 문의 전화 정보 조치
조사 안내 구제 고충 피해 공사 권리 우편 이메일 진정 고소 신고 명칭 상호 주민등록 연명 다수인 단체 법인 회사
한자 한문 한글 국문 영문 로마자 자필 정자 필수 선택 표기 유형 구분 정보주체 관계 인감 직인 도장 사인 생년월일
소재지 주민번호 전화번호 휴대폰 휴대전화 직업 직위 직급 성별 국적 체류 여권 상호명 법인명 기관명 단체명 시설명
문의처 제출처 접수처 담당자 참석자 작성자 발언자 사회자 진행자 기록자 배석자 신청서 청구서 위임장 동의서
결과 내용 비고 일시 목적 방법 예산 안건 근거 결론 요약 조치결과 처리결과 향후계획 고객 선생 사장 회장 부장
과장 팀장 주무관 위원 의원 교수 기자 작가 상담원 상담사 상담관 교환원 안내원 접수자 응대자 녹취자 통역사 통역인""".split()) | frozenset(r.replace(" ", "") for r in ROLES) \
    | frozenset(OFFICIAL_TITLES) | frozenset("""종로구 중구 용산구 성동구 광진구 동대문구 중랑구 성북구 강북구 도봉구
노원구 은평구 서대문구 마포구 양천구 강서구 구로구 금천구 영등포구 동작구 관악구 서초구 강남구 송파구 강동구""".split())
NOUN_SUFFIXES = frozenset("지 서 처 란 들 측 사항 번호 내용 사실".split())
PARTICLES = ("로부터", "께서", "에게", "으로", "로", "씨", "님", "은", "는", "이", "가", "의", "을", "를", "와", "과",
             "도", "께", "이며", "이고", "입니다", "이다")
SURNAMES = frozenset("""김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 전 홍 유 고 문 양 손 배 백 허 남 심 노 하 곽
성 차 주 우 구 민 류 나 진 지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설 마 길 연 위 표 명 기 반 라 왕 금
옥 육 인 맹 제 모 탁 국 어 은 편 용 예 경 봉 사 부 가 복 태 목 형 계 피 두 감 음 빈 동 온 호 범 좌 팽 승 간 상 시
갈 단 견 당 화 창 옹 순 빙 종 아 탄 묵 해 판 뇌 궉 궁 돈 묘 삼 증 초 평 풍 필 학 흥 애 영 란 량 려 로 룡 리 림 엽 운
곡 랑 매 요 즙 근 강 대 뢰 섭 설 십 야 여 저 전 제 종 주 지 진 차 천 추 탁 판 표 하 함 허 현 형 호 홍 화 황 후""".split())
COMPOUND_SURNAMES = frozenset("남궁 황보 제갈 선우 독고 사공 서문 동방 어금 망절 강전 소봉 장곡 황목".split())

HANJA = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SURNAME_CLASS = "[" + "".join(sorted(SURNAMES)) + "]"
NAME = r"(?:(?:" + "|".join(sorted(COMPOUND_SURNAMES)) + r")[가-힣]{1,2}|" + _SURNAME_CLASS + r"[가-힣]{1,2})"
# A name in Latin letters: capitalised words (Nguyen Van An, KIM MIN-SU, John O'Neil), not an acronym alone.
LATIN = r"(?:[A-Z][a-z'’\-]+|[A-Z]{2,}(?:-[A-Z]+)?)(?:[ \t]+(?:[A-Z][a-z'’\-]+|[A-Z]{2,}(?:-[A-Z]+)?)){0,3}"
_AFTER = r"(?:께서|께|에게|은|는|이|가|의|을|를|와|과|도|만|으로|이랑|하고|네|들)?(?![가-힣])"
HONORIFICS = ("씨", "님", "여사", "어르신", "군", "양", "학생", "할머니", "할아버지", "귀하")
# Words that take 님/씨 and are not names (어머님, 고객님, 선생님); 군/양 also follow places and
# amounts (양평 군, 정도 양), so a name before them must not be a word the dictionary knows.
HONOURED_WORDS = frozenset("""어머 아버 아드 따 사모 선생 고객 사장 회장 부장 차장 과장 팀장 국장 원장 교수 기사 목사 신부
수녀 선배 후배 형 누 언니 오빠 동생 이웃 주민 시민 회원 학부모 손 하느 부처 주 임 주인 환자 보호자 구청장 시장 의원
위원 대표 관계자 담당자 작가 기자 감독 고모 이모 삼촌 할머 할아버 스 도련 서방 아가 부인 사위 며느리 장모 장인
상담사 간호사 의사 기사 반장 통장 이장 소장 실장 방장 모든 여러 각 해당 그 이 저""".split())
AMBIGUOUS_HONORIFICS = ("군", "양")
OCCUPATIONS = ("자영업", "자영업자", "회사원", "주부", "학생", "무직", "농업", "어업", "상업", "직장인", "대학생",
               "고등학생", "중학생", "초등학생", "은퇴", "퇴직", "일용직", "프리랜서", "운전기사", "택시기사", "간호사",
               "교사", "상인", "노동자", "경비원", "미화원", "요양보호사", "배달원", "아르바이트", "주민", "시민", "남",
               "여", "남성", "여성", "외국인", "유학생", "근로자")
# How a form says the name is written (성명(한자): 洪吉童, 이름(서명)): a label, not a name.
QUALIFIERS = "한자 한문 한글 국문 영문 로마자 서명 자필 정자 본인 인".split()
SPEAKER_ROLES = ("주민", "시민", "방청인", "민원인", "참석자", "질문자", "주민대표", "상인", "학부모", "신청인",
                 "진술인", "참고인", "제보자", "발언자", "위원", "의원", "교수", "작성자", "고객")

_alt = "|".join
_LABELLED = re.compile(r"(?<![가-힣])(?P<role>" + _alt(ROLES) + r")"
                       r"(?:\s*\(\s*(?:" + _alt(QUALIFIERS) + r")\s*\)\s*[:：]?\s*|\s*(?:[:：]\s*|\(\s*)|\s+)"
                       r"(?:(?P<run>[가-힣]{1,8})|(?P<hanja>[" + HANJA + "]{2,4})(?![" + HANJA + "])"
                       r"|(?P<latin>" + LATIN + r")(?![A-Za-z]))")
_HONORIFIC = re.compile(r"(?<![가-힣A-Za-z])(?:(?P<name>" + NAME + r")|(?P<hanja>[" + HANJA + r"]{2,4})"
                        r"|(?P<latin>" + LATIN + r")|(?P<words>(?:(?!씨|님)[가-힣]{1,5} ){0,3}[가-힣]{1,5}))"
                        r"(?:\(\s*\d{1,3}\s*(?:세|살)?\s*\))?[」』”\"’'\]]?[ \t]?(?:" + _alt(HONORIFICS) + r")(?=" + _AFTER + ")")
_AGE_OR_WORK = (r"(?:(?:만\s*)?(?:\d{1,3}\s*(?:세|살)|" + _alt(OCCUPATIONS) + r")\s*[,)/·]"
                r"|[^()\n]{0,16}?(?:직원|관계자|거주|보호자|가족|자녀|배우자|부모|이웃|세입자|집주인|소유자)\s*\))")
_AGE_AND_WORK = re.compile(r"[ \t]?\(\s*(?:만\s*)?\d{1,3}\s*(?:세|살)\s*[,/·]\s*(?:" + _alt(OCCUPATIONS) + r")\s*\)")
# Words for a person that are no name, before an age: 주민(52세), 남성(40대), 어르신(80세).
PERSON_WORDS = frozenset(OCCUPATIONS + SPEAKER_ROLES) | frozenset("""남자 여자 남성 여성 노인 아동 청소년 청년 본인 부모 자녀
배우자 가족 이웃 세입자 집주인 당사자 아이 어린이 환자 보호자 임산부 장애인 외국인""".split())
_PARENTHESISED = re.compile(r"(?<![가-힣A-Za-z])(?:(?P<name>" + NAME + "|" + _SURNAME_CLASS + r"[가-힣]{3})"
                            r"[ \t]?\(\s*(?:\d{1,3}\s*(?:\)|,(?!\s*\d))|(?P<explicit>"
                            + _AGE_OR_WORK + ")" +
                            r")|(?P<latin>" + LATIN + r")[ \t]?\(\s*" + _AGE_OR_WORK + ")")
_SPEAKER = re.compile(r"(?m)^[ \t]*(?:[-·○●▶◦*□■]\s*)?(?:(?P<role>" + _alt(SPEAKER_ROLES) + r")[ \t]*)?"
                      r"(?:(?P<name>" + NAME + r"|" + _SURNAME_CLASS + r"[가-힣]{3})|(?P<latin>" + LATIN + r"))"
                      r"[ \t]?(?:씨|님)?[ \t]*[:：]")
# 010-1234-5678 (탁인환), 닉네임 지나가던이(김설봉): a name alone in brackets after a word or number.
_BRACKETED = re.compile(r"(?<=\S)\s*\(\s*(?P<name>" + NAME + "|" + _SURNAME_CLASS + r"[가-힣]{3})\s*\)")
# A body or facility before a bracket: the bracket names its branch, site or shop, not a person.
_BODY_BEFORE = re.compile(r"(?:센터|아파트|단지|공원|학교|병원|시설|본부|사업소|지점|본점|매장|도서관|복지관|회관|구청|시청"
                          r"|주민센터|역|공사|공단|재단|은행|교회|연구원|연구소|보건소|경로당|어린이집|유치원)$")
# 닉네임 하늘바라기(구옥선): the word before the bracket is a nickname, the bracket the person's name.
_NICKNAME = re.compile(r"(?:닉네임|별명|아이디|대화명|필명|ID|id)\s*[:：]?\s*$")
# 저는 … 윤환록입니다, 반범중이라고 합니다, 최종이요: a person says their name.
_INTRODUCED = re.compile(r"(?<![가-힣0-9A-Za-z])(?P<name>" + NAME.replace("{1,2}", "{1,2}?") + r"|" + _SURNAME_CLASS +
                         r"[가-힣]{3})(?:입니다|이라고\s?합니다|라고\s?합니다|이에요|예요|이고요|이요|(?<=[가-힣]{3})요|"
                         r"이라고\s?해요|라고\s?해요)(?![가-힣])")
# After a word, what shows it is a person's name: an age in brackets, a mobile number, a colon (작성자 설채: …).
_AGE_AFTER = re.compile(r"[ \t]*\([ \t]*(?:만[ \t]*)?\d{1,3}[ \t]*(?:세|살)")
_PERSON_AFTER = re.compile(_AGE_AFTER.pattern + r"|[ \t]*(?:[/,(][ \t]*){0,2}(?:\+82[ \t\-.)]*0?1\d|01\d)[ \t\-.)]*\d{3,4}"
                           r"|[ \t]*[:：][ \t]*[가-힣A-Za-z\"'“‘]")
# A mobile number right before a bracket: the bracket holds its owner's name (010-1234-5678 (고새)).
_PHONE_BEFORE = re.compile(r"(?:\+82[ \t\-.)]*0?1\d|01\d)[ \t\-.)]*\d{3,4}[ \t\-.]*\d{4}[ \t)\]]*$")
# What a bracket after a nickname says instead of a name.
NICKNAME_NOTES = frozenset("비공개 익명 없음 미상 생략 탈퇴 본인 관리자 운영자 작성자 회원 손님".split())
# What a bracket after a phone number says instead of a name.
PHONE_NOTES = frozenset("""자택 집 사무실 회사 직장 직통 대표 내선 휴대 휴대폰 주간 야간 오전 오후 평일 주말 상시 문자 본인
남편 아내 부인 아들 딸 어머니 아버지 모친 부친 보호자 가족 공용 개인 업무용 팩스""".split())
# Labels' last words: a four-syllable word ending in one (신청기간, 처리결과) is a label, not a speaker.
LABEL_TAILS = frozenset("""결과 사항 기간 내용 계획 경과 상황 방법 개요 응답 서류 의견 요지 요약 일시 장소 목적 대상 현황 절차
문제 질의 답변 심의 회의 안건 배경 근거 취지 예산 일정 범위 기준 결론 조치 처리 위치 주소 비고""".split())
# The answer to a question for the name (성함이 어떻게 되세요? ⏎ 네 공원이라고 합니다): its first word.
_ASKED = re.compile(r"(?:성함|이름|존함|성명)[^\n]{0,12}(?:어떻게|뭐|무엇|말씀|알려|여쭤)[^\n]*\?[ \t]*\n"
                    r"[ \t]*(?:\[[^\]\n]{1,10}\][ \t]*[:)]?|[^\s:)\]]{1,10}[ \t]*[:)])?[ \t]*(?:(?:네|예)[,.]?[ \t]+)?"
                    r"(?:(?:제|저의?)[ \t]*(?:이름은|성함은)[ \t]*|저는[ \t]*)?"
                    r"(?P<name>[가-힣]{2,4}?)(?:이라고|라고|입니다|이에요|예요|이요|요|[ \t]*[.\n])")
# A sentence said (ends as speech does): what follows a speaker's colon in minutes.
_SPEECH = re.compile(r"[^\n]*(?:다|요|까|죠)[.?!]?[\"'”’」]?[ \t]*(?:\n|$)")
_MYSELF = re.compile(r"(?:저는|제[ \t]?이름은|본인은)[^.!?\n]*$")
# Replies to a question for the name that are no name.
_ANSWERS = frozenset("네네 예예 아니요 아니오 잠시만 잠깐만 그러니까 저기 제가 저는 죄송 뭐라고 비밀 모름 글쎄".split())
_QUOTED = re.compile(r"(?<![가-힣])(?P<name>" + NAME + r")(?:씨|님)?(?:은|는|이|가)?[ \t]*[:：]?[ \t]*[\"“'‘「『]")
_LIST = re.compile(r"(?:(?P<label>(?<![가-힣])(?:" + "|".join(("참석자", "참석", "참여자", "참가자", "방청인", "명단", "발언자",
                                                                "면담자", "신청자", "대상자", "수상자", "수급자", "서명자",
                                                                "연명부", "서명부", "\\[연명부\\]"))
                   + r")[ \t]*[:：][ \t]*)|(?<![가-힣]))" + NAME + r"(?:[ \t]*[,、·][ \t]*" + NAME + r"(?![가-힣]))+")
_WORD = re.compile(r"[가-힣]+")
# What may be glued to a name: particles, honorifics, the copula (김민수가, 김민수씨, 김민수였다);
# 남궁영수 is not an occurrence of 남궁영, nor 김민수정 of 김민수.
_FOLLOWS = re.compile(r"(?:이|가|은|는|을|를|의|와|과|도|만|에|에게|에게서|께|께서|한테|한테서|랑|이랑|하고|로|으로|"
                      r"로부터|처럼|보다|씨|님|군|양|여사|어르신|학생|이다|입니다|이며|이고|이었|였|이라|라고|라는|이란|"
                      r"등|외|측|네|들|부부|가족|부자|모자|모녀|부녀|본인|명의|앞|께선|이나|나|이든|든|이요|이에요|예요|요|야|아)")


@dataclass(frozen=True)
class Name:
    text: str
    strong: bool  # found by a cue that makes it a person (a role, an honorific, an age)


def _stem(run: str) -> list[str]:
    """The run with particles taken off its end, one at a time (longest form first)."""
    forms = [run]
    while len(forms[-1]) > 2:
        particle = next((p for p in PARTICLES if forms[-1].endswith(p)), None)
        if particle is None:
            break
        forms.append(forms[-1][:-len(particle)])
    return forms


def labelled_names(run: str, colon: bool = False, same_line: bool = True) -> list[str]:
    """The name after a role label (``labelled_name``), and also its first two
    syllables when the third may be a particle (최정의 요청: 최정의 or 최정)."""
    name = labelled_name(run, colon, same_line)
    if name is None:
        return []
    short = name[:-1] if len(name) == 3 and name[-1] in "의은는이가을를와과도" and name[:2] not in COMPOUND_SURNAMES \
        else None
    return [name] + ([short] if short and short not in NOT_NAMES and not morph.is_common_word(short) else [])


def labelled_name(run: str, colon: bool = False, same_line: bool = True) -> str | None:
    """The name at the start of the Hangul run after a role label: particles
    come off the end, then a surname must start it (so 민원인 처리결과 is not
    a name). Most names have three syllables; a compound surname allows four,
    and so does a single one when the fourth syllable cannot be a particle and
    the run is on the label's line (청원 대표: 민기홍옥; a blank form's next
    line 전자우편: is a label).
    A blank form's next label is not a name: a listed word, a prefix that
    would cut a word (주민등|록번호, 정보주|체) or a two-syllable common word
    (인감, 이상) unless a colon says a value follows (대표: 전규). When in
    doubt it is a name: a masked noun costs less than a leaked name."""
    forms = _stem(run)
    if any(f in NOT_NAMES or (f[:2] in NOT_NAMES and f[2:] in NOUN_SUFFIXES) for f in forms):
        return None
    form = next((f for f in forms if len(f) <= 3), forms[-1])
    if form[:2] in COMPOUND_SURNAMES:
        name = form[:4] if len(form) >= 3 else None
    elif len(forms[0]) == 4 and same_line and form[0] in SURNAMES and not _FOLLOWS.fullmatch(forms[0], 3) \
            and not _label_word(forms[0]) and not morph.is_common_word(forms[0]):
        name = forms[0]  # a single surname and three syllables (민기홍옥): the fourth is no particle
    else:
        name = form[:3] if form[0] in SURNAMES else None
    if name is None or len(name) < 2 or (len(forms[-1]) > len(name) and morph.cuts_a_word(forms[-1], len(name))):
        return None
    if len(name) == 2 and not colon and morph.is_common_word(name):
        return None
    return name


def _label_word(word: str) -> bool:
    """A listed word, an official's title at its end, or four syllables ending
    in a label's word after a word (전자우편, 신청기간, 처리결과): a form's label,
    not a name (김린기준, 권채안건: no word before 기준, 안건)."""
    return word in NOT_NAMES or word.endswith(OFFICIAL_TITLES) or \
        (len(word) == 4 and (word[2:] in NOT_NAMES or word[2:] in LABEL_TAILS)
         and (word[0] not in SURNAMES or morph.is_common_word(word[:2]) or word[:2] in NOT_NAMES))


def plausible(name: str) -> bool:
    """A name found by a weaker cue than a role: not a listed word, not a
    word the dictionary knows as a common word (고객님, 정리:, 인근 군)."""
    return name not in NOT_NAMES and not name.endswith("님") and not morph.is_common_word(name)


def _foreign(words: str) -> str | None:
    """The name among the Hangul words before 씨/님 that do not start with a
    Korean surname (응우옌 반 안 씨, 왕웨이 씨): the words from the right while
    none is a role, a listed or a common word; one-syllable words only inside."""
    kept: list[str] = []
    for word in reversed(words.split()):
        if word in NOT_NAMES or morph.is_common_word(word):
            break
        kept.insert(0, word)
    while kept and len(kept[0]) == 1:
        kept.pop(0)
    return " ".join(kept) if kept else None


def _spelled_apart(words: list[str]) -> bool:
    """A foreign name written in Hangul word by word (쩐 반 민, 왕 쥔): two to
    four short words, none a word the dictionary knows as a common one."""
    return 2 <= len(words) <= 4 and all(len(w) <= 3 and (len(w) == 1 or not any(
        morph.is_common_word(form) for form in _stem(w))) for w in words)  # 집 전화는: 전화 is a word


# 님 or 씨 after a glued 군/양: the syllable is the name's own (김근빈양 님), not a second honorific.
_HONORED_AFTER = re.compile(r"[ \t]?(?:씨|님)")
# 박효예요 is 박효 with 예요 or 박효예 with 요 (김철이라고 합니다: 김철 or 김철이): a said name's
# syllable 예 or 이 before the ending may be the name's own.
_NAME_OR_ENDING = re.compile(r"[예이](?=요|에요|라고|고요)")


def _said_readings(m: re.Match) -> list[str]:
    """The name a person said (group ``name`` of ``m``) and, when it has two
    syllables and 예 or 이 follows before the ending, also the three-syllable
    reading with it: most names have three, and a masked syllable costs less
    than a leaked one."""
    name = m.group("name")
    if len(name) == 2 and _NAME_OR_ENDING.match(m.string, m.end("name")):
        return [name, name + m.string[m.end("name")]]
    return [name]


def _cued(text: str) -> Iterator[Name]:
    for m in _LABELLED.finditer(text):
        if m.group("hanja") or m.group("latin"):  # 洪吉童, 南宮民秀, Nguyen Van An
            yield Name((m.group("hanja") or m.group("latin")).strip(), True)
            continue
        if m.group("role").isascii():  # Name: 응우옌 티 호아 (네팔) — the value up to a bracket or the line's end
            value = re.split(r"[(\n/|,]", text[m.start("run"):], maxsplit=1)[0].strip()
            if 0 < len(value.split()) <= 4 and plausible(value.split()[0]):
                yield Name(value, True)
            continue
        colon = ":" in m.group(0) or "：" in m.group(0)
        run, same_line = m.group("run"), "\n" not in m.group(0)
        names = labelled_names(run, colon, same_line)
        if 2 <= len(run) <= 4 and (run[0] in SURNAMES or run[:2] in COMPOUND_SURNAMES) and run not in ROLES \
                and same_line and _PERSON_AFTER.match(text, m.end("run")) \
                and (not _label_word(run) or run in NOT_NAMES and _AGE_AFTER.match(text, m.end("run"))):
            names = [run]  # 신고자 주호 / 010-…, 작성자 설채: …, 대상자: 표기(80세, 여): the whole word is the name
        if not names and colon and (m.group("run")[0] not in SURNAMES or len(m.group("run")) == 1) \
                and "\n" not in m.group(0):  # 민원인: 바트바야르 (중국), 성명: 왕 쥔
            words = re.split(r"[^가-힣 \t]", text[m.start("run"):], maxsplit=1)[0].split()[:4]
            names = [" ".join(words)] if words and not any(w in NOT_NAMES for w in words) and (
                plausible(words[0]) and len(words[0]) >= 2 or _spelled_apart(words)) else []
        for name in names:
            yield Name(name, True)
    for m in _HONORIFIC.finditer(text):
        if m.group("hanja") or m.group("latin"):
            yield Name((m.group("hanja") or m.group("latin")).strip(), True)
        else:
            name = m.group("name") or m.group("words").split()[-1]
            if re.fullmatch(NAME, name):  # 김민수 씨; 주민 김민수 씨
                honorific = m.group(0)[m.group(0).rindex(name) + len(name):]
                ambiguous = honorific.strip().startswith(AMBIGUOUS_HONORIFICS) and not (
                    plausible(name) and (honorific[0].isspace() or not morph.cuts_a_word(name + honorific, len(name))))
                spaced = honorific[:1].isspace() and honorific.strip() in ("님", "씨") and name not in ROLES \
                    and name not in OFFICIAL_TITLES  # 제기 님의 의견: a name that is also a listed word
                if (name not in NOT_NAMES or spaced) and name not in HONOURED_WORDS and not ambiguous:  # 양평 군
                    yield Name(name, True)
                elif ambiguous and honorific[0] != " " and _HONORED_AFTER.match(text, m.end()):
                    yield Name(name + honorific.strip(), True)  # 김근빈양 님이: 양 ends the name, 님 honours it
            else:
                foreign = _foreign(m.group("words"))  # 응우옌 반 안 씨, 왕웨이 씨
                glued = m.group(0)[len(m.group("words")):].strip().startswith(AMBIGUOUS_HONORIFICS) \
                    and not m.group(0)[len(m.group("words"))].isspace()  # 서울지역 토양: 양 ends the word 토양
                if foreign and not glued:
                    yield Name(foreign, True)
    for m in _PARENTHESISED.finditer(text):
        name = m.group("name") or m.group("latin")
        described = _AGE_AND_WORK.match(text, m.end("name")) and name not in PERSON_WORDS and name not in ROLES \
            and name not in HONORIFICS  # 기자(47세, 일용직): the bracket gives the work, so the word is a name
        if m.group("latin") or (name not in NOT_NAMES or described) and (
                m.group("explicit") or plausible(name) and _named(name)):  # 조사결과(1): a number, no age
            yield Name(name.strip(), True)
    for m in _BRACKETED.finditer(text):  # 주소(도로명), 성명(한자): a label's qualifier is no name
        start = m.start()
        while start > 0 and _is_hangul(text[start - 1]):
            start -= 1
        word = text[start:m.start()]  # the word the bracket is glued to
        name, after_label = m.group("name"), bool(word) and (word in NOT_NAMES or morph.is_common_word(word))
        nick_start = start
        while nick_start > 0 and not text[nick_start - 1].isspace():
            nick_start -= 1  # the nickname may be in any letters (seoul_mom)
        nickname = name not in NICKNAME_NOTES and _NICKNAME.search(text, max(0, nick_start - 12), nick_start)
        if len(name) == 4 and name[:2] not in COMPOUND_SURNAMES and _label_word(name) and not nickname:
            continue  # 답변(윤율동장): a name glued to its title; after a nickname the bracket is its owner's name
        owner = not word and name not in PHONE_NOTES and name not in NOT_NAMES and \
            _PHONE_BEFORE.search(text, max(0, m.start() - 24), m.start())
        if (owner or nickname) and name not in HONOURED_WORDS:
            yield Name(name, True)  # 010-1234-5678 (고새), 닉네임 하늘바라기(이채)
        elif _BODY_BEFORE.search(word) or _COMPANY_BEFORE.search(text, max(0, start - 6), start):
            continue  # 생활치료센터(태능), ㈜강동에프엔비(인기명): a body's branch, site or shop
        elif plausible(name) and (len(name) < 4 or name[:2] in COMPOUND_SURNAMES) and \
                (not after_label or morph.person_prefix(name) == len(name)):
            yield Name(name, True)  # four syllables and one surname only after a phone or a nickname (가족수당);
            # after a common word only the dictionary's person (점검표 제출(신트리): a place)
    for m in _INTRODUCED.finditer(text):
        myself = _MYSELF.search(text, max(0, m.start() - 40), m.start())  # 저는 쌍문동 …에 사는 설복로입니다
        if m.group(0).endswith("요") and _inflected(m.group("name")):
            continue  # 전화했어요, 주시겠어요: a verb, not a name
        for name in _said_readings(m):
            if myself and name not in NOT_NAMES or plausible(name) and name[-1] not in BODY_ENDINGS | set("과국부"):
                yield Name(name, True)
    for m in _ASKED.finditer(text):
        yield from (Name(name, True) for name in _said_readings(m) if name not in NOT_NAMES and name not in _ANSWERS)
    speakers = list(_SPEAKER.finditer(text))
    for pattern in (_SPEAKER, _QUOTED):
        for m in speakers if pattern is _SPEAKER else pattern.finditer(text):
            name, role = m.group("name") or (m.groupdict().get("latin") or ""), m.groupdict().get("role")
            # in minutes (two or more speakers), a speaker who says a sentence is a person even when the
            # name is also a word (정승: 연락 주실 번호는 …입니다)
            said = pattern is _SPEAKER and len(speakers) >= 2 and name not in NOT_NAMES \
                and not name.endswith(OFFICIAL_TITLES) and bool(_SPEECH.match(text, m.end()))
            if pattern is _SPEAKER and len(name) == 4 and name[:2] not in COMPOUND_SURNAMES and not role:
                # 이용두지: 연락 주실 번호는 …입니다 — four syllables only as a speaker who says a sentence,
                # not a label (신청기간: …, 처리결과: …하였습니다)
                if not said or _label_word(name):
                    continue
            quoted = role and name not in ROLES and bool(_SPEECH.match(text, m.end()))  # 주민 이의: "…"
            if pattern is _QUOTED and not (_SPEECH.match(text, m.end()) or _named(name)):
                continue  # 사례집 "희망의 문턱에서": a title in quotes after a compound noun
            if name and (m.groupdict().get("latin") or plausible(name) or (role and name not in NOT_NAMES) or said
                         or quoted):
                yield Name(name.strip(), bool(role))  # 주민 주전: a speaker named by a role is a person
    for m in _LIST.finditer(text):  # 참석자: 김민수, 이영희 (a label says who); 정비, 조사, 안전 are no people
        items = [i.strip() for i in re.split(r"[,、·]", m.group(0)[m.end("label") - m.start() if m.group("label") else 0:])]
        if m.group("label"):
            yield from (Name(i, False) for i in items if i not in NOT_NAMES and i not in HONOURED_WORDS)
        elif 2 * sum(map(plausible, items)) >= len(items):
            yield from (Name(i, False) for i in items if plausible(i))


def _bare(text: str) -> Iterator[Name]:
    """Words read as a person's name with no cue: the dictionary's 인명 (three
    or more syllables, followed by nothing or by particles and endings only),
    or a surname and two syllables before a particle where the dictionary
    finds no word of its own (기춘자가, 감상철이: 정부가, 제로페이, 공유회의 are words)."""
    for m in _WORD.finditer(text):
        word = m.group(0)
        if len(word) < 3 or (word[0] not in SURNAMES and word[:2] not in COMPOUND_SURNAMES):
            continue
        if _COMPANY_BEFORE.search(text, max(0, m.start() - 6), m.start()) or _COMPANY_AFTER.match(text, m.end()) \
                or _ADDRESS_AFTER.match(text, m.end()):
            continue  # ㈜온누리, 해오름 주식회사; 강동구 양재대로 12
        if _AUXILIARY.match(text, m.end()):
            continue  # 이관해 드리겠습니다: a verb before an auxiliary, not a name
        length = morph.person_prefix(word)
        if length >= 3 and word[length - 1] in "로길동가" and re.match(r"\s*\d", text[m.start() + length:]):
            continue  # 정동길 41-3, 을지로 12: a road or quarter before its number
        if length >= 3 and (_PLACE_AFTER.match(text, m.end()) or _of_a_place(word[:length])):
            continue  # 남태령 지하철역: a place before its station; 하천수: a stream's water
        if length >= 3 and re.fullmatch(NAME, word[:length]) and word[:length] not in NOT_NAMES \
                and not _verb_form(word):
            rest = [pos for start, _end, pos, _sem in morph.morphemes(word) if start >= length]
            if all(p[0] in "JE" or p.startswith(("VCP", "XSN", "NNB")) for p in rest):
                yield Name(word[:length], False)
                continue
        if _SUBJECT.fullmatch(word) and _unknown_stem(word):
            yield Name(word[:3], False)


# An auxiliary verb after a word (이관해 드리겠습니다, 확인해 주세요): the word is a verb.
_AUXILIARY = re.compile(r"[ \t]+(?:드리[겠고면며어]|드려|드렸|주[세시십셔었겠고면]|줘|줬|보[세시겠았]|봐|놓[았겠]|두[세시겠었])")


# A place's own word after a name the dictionary lists as a person's: the name is the place's (남태령 지하철역).
_PLACE_AFTER = re.compile(r"[ \t]*(?:지하철역|전철역|역사?|정류장|정류소|고개|터널|교차로|사거리|삼거리|오거리|나들목|일대|방면|일원)"
                          r"(?![가-힣])")


def _of_a_place(word: str) -> bool:
    """The dictionary lists ``word`` as a person's name, but its first two
    syllables are a place (하천수: 하천 + 수, a stream's water; 서울역): a thing of the place."""
    parts = morph.morphemes(word[:2])
    return len(parts) == 1 and parts[0][1] == 2 and (parts[0][3] in ("장소", "지명"))


def _inflected(word: str) -> bool:
    """The dictionary reads ``word`` as ending in a verb's ending (전화했|어,
    주시겠|어): a verb before 요, not a name before it."""
    parts = morph.morphemes(word)
    return bool(parts) and parts[-1][1] == len(word) and (parts[-1][2].startswith("E") or "+E" in parts[-1][2])


_COMPANY_BEFORE = re.compile(r"(?:\(\s*[주유사재]\s*\)|㈜|주식회사|유한회사)\s*$")
_COMPANY_AFTER = re.compile(r"\s*(?:\(\s*[주유]\s*\)|㈜|주식회사|유한회사)")
_ADDRESS_AFTER = re.compile(r"\s+[가-힣0-9]{1,10}(?:로|길|대로|동|가)\s*\d")
BODY_ENDINGS = frozenset("법청회단팀실처로길역")  # 주택법, 구청, 협의회, 재단 … are not names
_SUBJECT = re.compile(r"[가-힣]{3}(?:이|가|은|는|을|를|의|에게|와|과|께서|께|도)")


# How a verb made of a noun ends (이용한, 검토할, 추진해, 적용된): the dictionary lists some of
# these as whole persons' names (이용한 is one), but standing alone, with no particle and no
# cue, after a noun it reads as the verb (신경망을 이용한 예측: 28 cells of the Seoul lists).
VERB_ENDINGS = frozenset("한할해된될함")


def _verb_form(word: str) -> bool:
    """``word`` is a common word of two syllables and a verb's ending, nothing after it."""
    return len(word) == 3 and word[2] in VERB_ENDINGS and morph.is_common_word(word[:2])


# Syllables that (almost) never end a Korean given name but end common words: a surname and
# two syllables before a particle ending in one of them is a prefixed noun (원자료를, 총사업을).
NOT_GIVEN_NAME_ENDINGS = frozenset("료업획첩집값것곳법층률약급질액적품항표비")


def _named(word: str) -> bool:
    """The dictionary reads ``word`` as a person's name, or as no word it
    knows (``_unknown_name``): not a compound of common words (사례집, 근무일지)."""
    return morph.person_prefix(word) == len(word) or _unknown_name(word)


def _unknown_stem(word: str) -> bool:
    """``word`` is three syllables and a particle (the dictionary reads the
    particle as one) and the three syllables are ``_unknown_name``."""
    parts = morph.morphemes(word)
    return bool(parts) and parts[-1][0] == 3 and parts[-1][2].startswith("J") and _unknown_name(word[:3])


def _unknown_name(stem: str) -> bool:
    """``stem`` starts with a surname and is no word the dictionary knows: it
    does not begin with a common word of two or more syllables, holds no
    place's or body's name, no verb or ending, and does not end like a body
    (주택법, 구청, 협의회)."""
    if stem[0] not in SURNAMES or stem in NOT_NAMES or stem[-1] in BODY_ENDINGS | NOT_GIVEN_NAME_ENDINGS:
        return False
    parts = morph.morphemes(stem)
    if not parts or parts[-1][1] != len(stem):
        return False
    _start, end, pos, semantic = parts[0]
    if end >= 2 and (pos.split("+")[0] in morph.COMMON_TAGS or (pos.startswith("NNP") and semantic != "인명")):
        return False
    return not any((p.startswith("NNP") and sem not in ("", "인명")) or (i and p.startswith(("V", "E", "J")))
                   for i, (_s, _e, p, sem) in enumerate(parts))


def find_names(text: str) -> dict[str, bool]:
    """Every name in ``text`` → whether a strong cue found it (see the module's docstring)."""
    found: dict[str, bool] = {}
    for name in list(_cued(text)) + list(_bare(text)):
        found[name.text] = found.get(name.text, False) or name.strong
    return found


def occurrences(text: str, name: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each place ``name`` stands as a word of its own:
    not after a letter of its script, and followed by no letter of it — a
    Hangul name may be followed by a particle, an honorific or the copula
    (김민수가, 김민수씨), not by other syllables (남궁영수 is not 남궁영)."""
    hangul = _is_hangul(name[0])
    joined = _is_hangul if hangul else _is_latin if name[0].isascii() else _is_hanja
    start = text.find(name)
    while start >= 0:
        end = start + len(name)
        if not (start and joined(text[start - 1])) and \
                (end == len(text) or not joined(text[end]) or (hangul and _FOLLOWS.match(text, end))):
            yield start, end
        start = text.find(name, start + 1)


def _is_hangul(c: str) -> bool:
    return "가" <= c <= "힣"


def _is_latin(c: str) -> bool:
    return c.isascii() and c.isalpha()


def _is_hanja(c: str) -> bool:
    return "\u3400" <= c <= "\u4dbf" or "\u4e00" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"
