"""Detailed home addresses: the house number and the 동·호 unit, not the district.

An address is private unless it is tied to an agency or a facility. Found: a
road name with its building number (도봉로 12, 서소문로11길 8-3), a lot number
(미아동 123-45, 창동 123번지), a rural lot (양평군 서종면 문호리 123), each with the
apartment complex and unit after it; an apartment unit (래미안아파트 103동 1204호) is
masked wherever it stands. Then the cues decide, nearest first:

* a private person's (주소, 거주, 자택, 집, a role such as 민원인) before it on its line (in a
  table, in its own cell or the label cell before it), or 거주/에 사는 after it → masked;
* an agency's or a facility's: a label before it (청사, 소재지, 위치, 장소, 의견
  제출처, 사업장 …), a facility's name right before a bracket around it
  (``카페세마(노원구 동일로 1238)``), an agency or facility named right after it
  (``세종대로 110 서울특별시청``), a place of an event (``… 앞``, ``인근``) → kept;
* the label 주소 alone says whose only with its block: an agency's contact block on its
  line or the lines before (의견 제출처, 담당부서, 문의처 …) or an agency named right after
  it (``… 주소: 서울특별시 중구 세종대로 110 서울특별시청``) keep it, unless a person's cue
  (민원인, 신청인 …) stands on its line or nearer in the lines before;
* a bank named before an account number (하나은행 866-…) is no place cue, before or after;
* the city hall's and the district offices' own addresses (``AGENCY_ADDRESSES``)
  are kept unless a private person's cue is nearest;
* none on its line: the cue at the end of the line before (a contact block split
  over lines: ``의견 제출처:⏎서울특별시 중구 세종대로 110``); else an address
  written as one (its district before it, a unit, a lot or 번지) is taken for a
  person's and masked, while a bare road and number (``도봉로 12``) is kept.

``AddressRecognizer(place=True)`` reads a text that names a place (a 장소 column:
where an event was held or public money spent, ``산동 종로구 새문안로 83``): there an
address is the place's unless a private person's cue says otherwise, and ``집`` is
a business's name (``나무가 있는 집``), not a home; an apartment's 동·호 is masked all the same.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from ..findings import Finding
from .base import NOT_DIGIT_AFTER, NOT_DIGIT_BEFORE
from .financial import BANKS

_COMPLEX = r"[가-힣A-Za-z0-9]+(?:아파트|빌라|맨션|타운|하이츠|빌|캐슬|자이|푸르지오|힐스테이트|오피스텔|주택|연립|빌딩)"
_UNIT = r"(?:\d{1,4}\s?동\s?)?\d{1,5}\s?호(?!선|실|차|기|점)"
_APARTMENT_UNIT = re.compile(r"(?:" + _COMPLEX + r"\s?)?" + NOT_DIGIT_BEFORE + r"\d{1,4}\s?동\s?\d{1,5}\s?호(?!선)")
# Words that end in 로/길 and are not road names: nouns (도로 12개소, 진로 3), the particle
# 으로 (우편으로 2021. 3. 4.) and adverbs (주로, 새로), ways (산책길).
_NOT_ROAD_ENDINGS = "도로|으로|로써|로서"
_NOT_ROAD_WORDS = "경로|진로|통로|항로|수로|선로|철로|회로|차로|대로|주로|서로|새로|따로|바로|그대로|스스로|실로|홀로|절로|골목길|산책길|둘레길|오솔길|출근길|퇴근길|등굣길|귀갓길|지름길"
_ROAD = (r"(?![가-힣]*(?:" + _NOT_ROAD_ENDINGS + r")\s?\d)(?!(?:" + _NOT_ROAD_WORDS + r")\s?\d)"
         r"[가-힣][가-힣0-9]*(?:로|길)\s?\d{1,4}(?:-\d{1,4})?"
         r"(?:\s?번?길\s?\d+(?:-\d+)?)?(?!번?길|가)")  # 새문안로9길 is a road, 신문로2가 a 동
_LOT = r"[가-힣][가-힣0-9]*[동가]\s?\d{1,4}(?:-\d{1,4}(?:\s?번지)?|\s?번지)"
_RURAL = r"[가-힣]+[면읍]\s[가-힣]+리\s?\d{1,4}(?:-\d{1,4})?(?:\s?번지)?"
# Not a count, a time or a measure after the number (도봉로 12개소 is not an address).
_NOT_A_MEASURE = (r"(?![ \t]?(?:개|건|명|회|차|년|월|일|시(?![청장설민])|분|초|km|m|%|번째|위(?!치)|세(?![대입])|원|배"
                  r"|대(?![학로])|편|종|곳|가지)|\.\s?\d|:\d)")
_STREET = re.compile(r"(?<![가-힣0-9])(?:" + _ROAD + "|" + _LOT + "|" + _RURAL + r")" + NOT_DIGIT_AFTER + _NOT_A_MEASURE
                     + r"(?:(?:,\s?|\s)(?:" + _COMPLEX + r"\s?)?" + _UNIT + r")?")

_PERSON_WORDS = (r"주소|거주|자택|(?<![가-힣])댁|사는|살고|전입|실거주|본적|등록기준지"
                 r"|민원인|신청인|청구인|피해자|세대주|신고인|보호자|진정인|대상자|어르신|본인|(?<=[가-힣])\s?(?:씨|님)(?:께서|에게|[은는이가의께도])?(?![가-힣])")
PERSONAL_CONTEXT = r"(?<![가-힣])집(?![회단행중계합결])|" + _PERSON_WORDS
PUBLIC_CONTEXT = (r"청사|소재지|소재|위치|장소|제출처|접수처|보내실\s?곳|찾아오시는|오시는\s?길|현장|공사|사업장|시설|매장|점포"
                  r"|업체|업소|회사|법인|\(주\)|주식회사|개최|행사|회의|간담회|설명회|교육장|센터|주민센터|구청|시청|[가-힣]청(?![가-힣])"
                  r"|학교|공원|도서관|복지관|경로당|회관|병원|보건소|역(?![가-힣])|경찰서|소방서|우체국|공단|재단|의회|법원|도청"
                  r"|(?i:fax|tel)|☎|대표전화|홈페이지|집회|집결")
# A business's name (expense records name the restaurant: 서하남로 513 서부농협마트).
BUSINESS = (r"[가-힣A-Za-z0-9]+(?:마트|식당|카페|커피|점|관|옥|가든|횟집|치킨|베이커리|제과|호텔|뷔페|갈비|국수|만두|소바|냉면"
            r"|반점|정육|식육|초밥|스시|회관|빌딩|센터|슈퍼|약국|의원|치과|한의원|학원|교회|성당|상회|상사|마켓|포차|주점|호프"
            r"|분식|김밥|족발|보쌈|곱창|한우|한정식|레스토랑|웨딩홀|컨벤션|아울렛|백화점|시장|상가|플라자|농협|은행|주유소|까스|가스|전골"
            r"|육개장|국밥|찌개|감자탕|해장국|설렁탕|곰탕|쌈밥|닭갈비|막국수|짬뽕|피자|버거|떡|수산|식품|푸드|키친|다이닝|그릴|하우스)(?![가-힣])"
            r"|\(주\)|㈜")
_CUES = re.compile(rf"(?P<private>{PERSONAL_CONTEXT})|(?P<public>{PUBLIC_CONTEXT}|{BUSINESS})")
# A bank named before an account number (하나은행 866-552727-19255, 우체국 925778-…, 농협 154-…) says
# whose money, not where: it is no place cue for an address before or after it in a row.
_BANK_WITH_ACCOUNT = re.compile(rf"[가-힣A-Za-z]{{0,4}}?(?:{BANKS})(?:은행)?\s?[:(]?\s?\d[\d-]{{7,}}")
# In a place's text a home is said with a word of its own, not with 집 (나무가 있는 집 is a restaurant).
_PLACE_CUES = re.compile(rf"(?P<private>{_PERSON_WORDS})|(?P<public>{PUBLIC_CONTEXT}|{BUSINESS})")
# A facility's name with the address in brackets after it: 카페세마(노원구 동일로 1238).
_SIDO = "서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|전북|전남|경북|경남|제주"
_REGION = rf"(?:[가-힣]+(?:특별시|광역시|특별자치시|특별자치도|도|시|군|구|읍|면)|{_SIDO})"
_NAMED_PLACE = re.compile(r"[^\s(\[]{2,}\s?[(\[]\s?(?:" + _REGION + r"\s){0,3}$")
# What after an address says whose it is: 거주 (a person's) or an agency, a facility, an event's place.
_AFTER = re.compile(r"[\s,)]{0,3}(?:(?P<private>(?:에|에서)?\s?(?:거주|사는|살고|살며|전입|자택)|소재\s?자택)"
                    r"|(?P<public>[가-힣A-Za-z0-9]*(?:청|시청|구청|도청|주민센터|센터|학교|공원|도서관|복지관|경로당|회관"
                    r"|병원|보건소|역|경찰서|소방서|우체국|공단|재단|의회|법원|청사|별관|본관)(?![가-힣])"
                    r"|(?:앞|인근|부근|일대|사거리|교차로|맞은편|건너편|주변|방면|일원)(?![가-힣])|" + BUSINESS + "))")
# What may stand before an address on its line and say nothing of whose it is: the
# city, the district, a postal code.
_REGION_ONLY = re.compile(r"[\s,:()\[\]0-9]*(?:" + _REGION + r"[\s,]*)*")
_DISTRICT_BEFORE = re.compile(r"[가-힣]+(?:시|군|구)\s$")
_DETAIL = re.compile(r"\d\s?호|번지|-\d|[면읍]\s")
_LINE_END_CUE = re.compile(rf"(?:(?P<private>{PERSONAL_CONTEXT})|(?P<public>{PUBLIC_CONTEXT}))[^\n]{{0,20}}$")


# The last cell edge before a value: a bar, a tab or a comma without a space after it (CSV).
_CELL_EDGE = re.compile(r"(?:[|\t]|,(?! ))(?!.*(?:[|\t]|,(?! )))")


# The city hall's and the district offices' own addresses: public wherever they stand
# (a press release's footer, 주소: 서울특별시 중구 세종대로 110), unless a unit follows.
# Sources: no list of the 25 구청's road addresses by 행정안전부 or 서울시 was found (search
# of stored pages and docs, 2026-11-29); the list was written from memory and checked
# where the press reported a move: 종로구청 left 삼봉로 43 (its integrated office is to be
# rebuilt there) for 대림빌딩 (종로1길 36; some reports say 42) and 94빌딩 (삼봉로 94) in
# 2021, and in November 2025 for 더케이트윈타워 (종로1길 50), with an annex at 새문안로 41
# (서울신문 go.seoul.co.kr/news/newsView.php?id=20251111500070, 뉴스1 2025-11-11, 아주경제
# 2020-12-30); 동작구청 moved to 장승배기 (장승배기로 161). Old addresses stay: documents
# written while they were in use still carry them.
AGENCY_ADDRESSES = frozenset(a.replace(" ", "") for a in (
    "세종대로 110", "삼봉로 43", "종로1길 36", "종로1길 42", "종로1길 50", "삼봉로 94", "새문안로 41", "창경궁로 17", "녹사평대로 150", "고산자로 270", "자양로 117", "천호대로 145",
    "봉화산로 179", "보문로 168", "도봉로89길 13", "마들로 656", "노해로 437", "은평로 195", "연희로 248",
    "월드컵로 212", "목동동로 105", "화곡로 302", "가마산로 245", "시흥대로73길 70", "당산로 123", "장승배기로 161",
    "관악로 145", "남부순환로 2584", "학동로 426", "올림픽로 326", "성내로 25"))


def _nearest_cue(before: str, cues: re.Pattern = _CUES) -> Optional[str]:
    """The kind of the cue nearest the end of ``before``: private, public or None."""
    last = None
    for last in cues.finditer(before):
        pass
    return last.lastgroup if last else None


# The label 주소 alone says only that an address follows; whose it is, the block it stands in says:
# an agency's contact block (의견 제출처, 담당부서, 문의처 … on its line or the lines before) or an
# agency named right after the address (세종대로 110 서울특별시청) make it the agency's, a person
# named as such (민원인, 신청인, 자택 …) a private person's.
_ADDRESS_LABEL = re.compile(r"주소")
_CONTACT_BLOCK = r"제출처|접수처|문의처|문의|담당\s?부서|담당자|담당|보내실\s?곳|찾아오시는|오시는\s?길|청사|소재지"
_BLOCK_CUES = re.compile(rf"(?P<private>{_PERSON_WORDS})|(?P<public>{_CONTACT_BLOCK})")
_AGENCY_AFTER = re.compile(r"[\s,(]{0,3}[가-힣A-Za-z0-9]*(?:청|시청|구청|도청|주민센터|센터|공단|재단|의회|청사|별관|본관"
                           r"|사업소|본부|보건소|도서관|복지관)(?![가-힣])")
BLOCK_LINES = 3  # how many lines before an address its block's heading may stand


def _agencys_under_address_label(text: str, line_start: int, before: str, start: int, end: int) -> bool:
    """Whether an address after the bare label 주소 (the nearest cue before it) is an
    agency's: no person's cue before it on its line, and the nearest cue of the lines
    before (up to ``BLOCK_LINES``) is an agency's contact block, or there is none and
    an agency is named right after the address (or it is one of ``AGENCY_ADDRESSES``
    in a contact block)."""
    label = None
    for label in _CUES.finditer(before):
        pass
    if label is None or not _ADDRESS_LABEL.fullmatch(label.group()):
        return False
    if any(m.lastgroup == "private" and not _ADDRESS_LABEL.fullmatch(m.group()) for m in _BLOCK_CUES.finditer(before)):
        return False  # 신청인 주소: …
    block_start = line_start
    for _ in range(BLOCK_LINES):
        if block_start == 0:
            break
        block_start = text.rfind("\n", 0, block_start - 1) + 1
    heading = None
    for heading in _BLOCK_CUES.finditer(text, block_start, start - len(before)):
        if heading.lastgroup == "private" and _ADDRESS_LABEL.fullmatch(heading.group()):
            heading = None  # a 주소 line before says no more than this one
    if heading is not None and heading.lastgroup == "private":
        return False  # 민원인: 홍길동 ⏎ 주소: …
    named_after = bool(_AGENCY_AFTER.match(text, end)) and not _BANK_WITH_ACCOUNT.match(text, end)
    in_block = heading is not None or bool(_BLOCK_CUES.search(before[:label.start()]))
    return named_after or in_block and text[start:end].replace(" ", "") in AGENCY_ADDRESSES


def _after(text: str, end: int) -> Optional[re.Match]:
    """What right after an address says whose it is (``_AFTER``), unless that is a bank
    naming an account (``…모곡리 265-2,SC제일은행 367-02-502637``)."""
    after = _AFTER.match(text, end)
    if after and after.lastgroup == "public" and _BANK_WITH_ACCOUNT.match(text, after.start("public")):
        return None
    return after


class AddressRecognizer:
    """``place``: the text names a place (see the module's docstring)."""
    kind = "address"

    def __init__(self, place: bool = False):
        self.place = place

    def find(self, text: str) -> Iterable[Finding]:
        found = [Finding(m.start(), m.end(), self.kind, m.group(0)) for m in _APARTMENT_UNIT.finditer(text)]
        for m in _STREET.finditer(text):
            if self._is_private(text, m.start(), m.end()):
                found.append(Finding(m.start(), m.end(), self.kind, m.group(0)))
        return found

    def _is_private(self, text: str, start: int, end: int) -> bool:
        line_start = text.rfind("\n", 0, start) + 1
        cell = _CELL_EDGE.search(text, line_start, start)  # a table row's other cells say nothing of this one …
        before = _BANK_WITH_ACCOUNT.sub(lambda b: " " * len(b.group()),
                                        text[max(cell.end() if cell else line_start, start - 60):start])
        if self.place:  # a place's address unless a person's cue is nearest, before or after it
            after = _after(text, end)
            return _nearest_cue(before, _PLACE_CUES) == "private" or bool(after and after.lastgroup == "private")
        cue = _nearest_cue(before)
        if cue == "private" and _agencys_under_address_label(text, line_start, before, start, end):
            return False  # 의견 제출처 … 주소: 서울특별시 중구 세종대로 110 서울특별시청
        if cue is None and cell:  # … except a label in the cell before: 주소⇥서울특별시 마포구 …
            label_cell = _CELL_EDGE.search(text, line_start, cell.start())
            if _nearest_cue(text[label_cell.end() if label_cell else line_start:cell.start()]) == "private":
                return True
        if cue != "private" and (_NAMED_PLACE.search(before) or text[start:end].replace(" ", "") in AGENCY_ADDRESSES):
            return False
        if cue:
            return cue == "private"
        after = _after(text, end)
        if after:
            return after.lastgroup == "private"
        if line_start and _REGION_ONLY.fullmatch(text, line_start, start):  # the address opens its line
            previous = _LINE_END_CUE.search(text, max(0, line_start - 61), line_start - 1)
            if previous:
                return previous.lastgroup == "private"
        # No cue at all: an address written as one (its district before it, a unit, a lot) is a person's.
        return bool(_DISTRICT_BEFORE.search(before) or _DETAIL.search(text, start, end))
