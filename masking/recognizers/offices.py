"""Which occurrences of a person's name are an official acting in office.

정보공개법 제9조 제1항 제6호 라목: the names and positions of public officials
performing their duties are public; every other person's name is private.
So a name stays where the text ties it to an office, and nowhere else:

* a title beside it — after (홍길동 주무관, 오세훈 서울시장, 김영희 재무과장,
  홍길동(주무관), 이정화/정수시설과장) or before (주무관 홍길동, 위원장 김철수, 담당 박민수);
* an approval line (결재란): a line with two or more approval titles
  (담당 … 팀장 … 과장), and the line of names right under such a line;
* an agency's contact or signature block: a line with a department and an
  office (landline) number (재무과 홍길동 02-2133-1234).

Politicians in office are officials here (의원, 시장, 구청장, 교육감 …). A
professor or expert is an official only as a committee member (위원).
"""
from __future__ import annotations

import re

OFFICIAL_TITLES = ("주무관", "팀장", "과장", "국장", "실장", "본부장", "부시장", "시장", "구청장", "주임",
                   "사무관", "서기관", "조사관", "담당관", "반장", "센터장", "소장", "원장", "위원장", "의원",
                   "부구청장", "단장", "관장", "대변인", "비서관", "정책관", "기획관", "위원", "부위원장", "의장",
                   "부의장", "시의원", "구의원", "국회의원", "군수", "도지사", "교육감", "장관", "차관", "동장",
                   "행정관", "감사관", "이사장", "사무국장", "사무처장")
# Words before a name that put it in an approval line or an agency's block.
OFFICE_LABELS = ("담당", "담당자", "기안자", "기안", "검토자", "검토", "결재자", "결재권자", "협조자", "협조",
                 "전결", "대결", "보고자", "문의")
PRIVATE_ROLES = ("민원인", "신청인", "청구인", "피해자", "가해자", "신고인", "진정인", "고소인", "피고소인",
                 "보호자", "세대주", "수령인", "예금주", "응시자", "수상자", "주민", "시민", "방청인", "참고인",
                 "수급자", "대상자", "이용자", "환자", "학생", "학부모", "상인", "제보자", "질의자")
_PARTICLES = "(?:께서는|께서|에게|으로|로|은|는|이|가|의|을|를|와|과|도|께|이며|이고|님)?"
_TITLE = "(?:" + "|".join(sorted(OFFICIAL_TITLES, key=len, reverse=True)) + ")"
# 재무과장, 도시계획국장, 서울시장, 성동구청장: a body's name glued to its head's title (not 운동장, 전통시장).
_GLUED = (r"(?:[가-힣]{1,10}(?:과|팀|국|실|소|원|단|센터|본부|청|관)장|(?:서울|부산|대구|인천|광주|대전|울산|세종|"
          r"[가-힣]{1,6}시)(?:시장|시의원|의회의장)|[가-힣]{1,6}(?:구청장|군수|구의원|군의원|도지사|교육감|의회의장))")
_TITLE_AFTER = re.compile(r"\s?(?:[(/]\s*)?(?:" + _GLUED + "|" + _TITLE + ")" + _PARTICLES + r"(?![가-힣])")
_TITLE_ENDS = re.compile(r"[ \t]" + _TITLE + r"(?=[\s,.)]|$)")
_TITLE_BEFORE = re.compile(r"(?<![가-힣])(?:" + _GLUED + "|" + _TITLE[3:-1] + "|" + "|".join(OFFICE_LABELS) +
                           r")\s*[:：]?\s*$")
# The titles of an approval line (결재란): who drafts, reviews and signs.
APPROVAL_TITLES = ("담당", "주무관", "팀장", "과장", "국장", "실장", "본부장", "부시장", "시장", "기안자", "검토자",
                   "결재권자", "협조자", "전결", "대결", "주임", "계장", "동장", "구청장", "부구청장")
_APPROVAL = re.compile(r"(?<![가-힣])(?:" + "|".join(APPROVAL_TITLES) + r")(?![가-힣])")
_PRIVATE_ROLE = re.compile(r"(?<![가-힣])(?:" + "|".join(PRIVATE_ROLES) + r")(?!센터|등록|자치|참여|공청)")
_OFFICE_PHONE = re.compile(r"(?<![0-9])0(?:2|[3-6][1-5])[-. )]\d{3,4}[-. ]\d{4}(?![0-9])")
_DEPARTMENT = re.compile(r"[가-힣]{2,12}(?:과|팀|담당관|센터|본부|사업소|주민센터|구청|시청|위원회|의회)(?![가-힣])")


def names_a_private_person(text: str) -> bool:
    """``text`` has a private person's role word (민원인, 신청인, 주민 …)."""
    return bool(_PRIVATE_ROLE.search(text))


def _line(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _approval_line(line: str) -> bool:
    return len(_APPROVAL.findall(line)) >= 2 and not _PRIVATE_ROLE.search(line)


def is_official(text: str, start: int, end: int) -> bool:
    """True when the name at ``text[start:end]`` is an official acting in
    office (see the module's docstring); positions are character offsets."""
    word_end = end
    while word_end < len(text) and "가" <= text[word_end] <= "힣":
        word_end += 1
    if _TITLE_AFTER.match(text, end) or (word_end - end == 1 and _TITLE_ENDS.match(text, word_end)):
        return True  # 홍길동 주무관; 서문채이 의장, (a name the dictionary cut short, the title after the word)
    line_start, line_end = _line(text, start)
    before = text[max(line_start, start - 20):start]
    if _TITLE_BEFORE.search(before) and not _PRIVATE_ROLE.search(before[-8:]):
        return True
    line = text[line_start:line_end]
    if _approval_line(line):
        return True
    if line_start > 0:  # names under an approval line (a flattened 결재란)
        above_start, above_end = _line(text, line_start - 1)
        if _approval_line(text[above_start:above_end]) and not re.search(r"[가-힣]{6,}", line):
            return True
    return bool(_OFFICE_PHONE.search(line) and _DEPARTMENT.search(line) and not _PRIVATE_ROLE.search(line))
