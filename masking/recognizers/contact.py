"""Contact data of private persons: mobile numbers, home landlines and e-mail addresses.

Office and public numbers (02-2133-xxxx, 120, a 부서 전화, 대표전화) are public: a
landline is masked only where the text says it is a home's (자택, 집 전화, 댁) or a
private person's (민원인 연락처 …), the nearest cue before it deciding. E-mail
addresses are private unless on a public domain (government, local government and
the city's public institutions, ``PUBLIC_MAIL_DOMAINS``), also when a PDF reader
broke the address over two lines; domains in Korean script (IDN, ``홍길동@한국.kr``)
are read with the ``idna`` package (IDNA 2008 / UTS #46, already installed as a
dependency of ``requests``), which also decodes punycode (``xn--``) labels.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

import idna

from ..findings import Finding
from .base import NOT_DIGIT_AFTER, NOT_DIGIT_BEFORE, PatternRecognizer, window_before
from .identity import PERSON_ROW

# No mobile number's middle part starts with 0 (010-2xxx-, 011-2xx-): 010-016-1234 is a
# budget function code (분야-부문-사업), not a phone.
mobile_phone = PatternRecognizer(
    "mobile_phone",
    NOT_DIGIT_BEFORE + r"(?:\+82[\s-]?(?:\(0\)\s?)?1[016789]|\(01[016789]\)|01[016789])"
    r"[\s.-]?[1-9]\d{2,3}[\s.-]?\d{4}" + NOT_DIGIT_AFTER)
# The digits of a mobile number alone, however they were grouped (+82 without its 0).
MOBILE_DIGITS = re.compile(r"(?:0|82)1[016789][1-9]\d{6,7}")

# --- landlines ------------------------------------------------------------------------

# Area codes 02, 031-064 and 070 (internet phones, often a home's); the exchange never starts with 0 or 1.
_LANDLINE = re.compile(NOT_DIGIT_BEFORE + r"(?:\(\s?0(?:2|[3-6][1-5]|70)\s?\)|0(?:2|[3-6][1-5]|70))"
                       r"\s?[-.)]?\s?[2-9]\d{2,3}\s?[-.]?\s?\d{4}" + NOT_DIGIT_AFTER)
# What the nearest cue before a landline says it is: a home's or a private person's …
_HOME_CUE = (r"자택|(?<![가-힣])집(?![회단행중계합결사필])|(?<![가-힣])댁|가정|본가|\(자\)|(?i:home)|유선"
             r"|민원인|신청인|청구인|신고인|진정인|보호자|대상자|어르신|본인|세대주|피해자|(?<=[가-힣])\s?(?:씨|님)(?:께서|에게|[은는이가의께도])?(?![가-힣])")
# … or an office's: a department, a desk, a facility, a representative line, a fax.
_OFFICE_CUE = (r"부서|담당|[가-힣]과(?![가-힣])|팀|센터|사무실|사무소|대표|문의|청(?![가-힣])|구청|시청|공단|재단|공사"
               r"|기관|업체|회사|주식회사|\(주\)|학교|병원|도서관|복지관|지점|본부|사업소|☎|(?i:tel|fax)|팩스|전송")
_PHONE_CUES = re.compile(rf"(?P<home>{_HOME_CUE})|(?P<office>{_OFFICE_CUE})")
CITY_HALL_EXCHANGE = re.compile(r"0?2\)?[\s.-]*2133")  # 서울특별시청's direct lines, always public


# An official's title in a row: a staff list, not a list of private persons.
_OFFICIAL_IN_ROW = re.compile(rf"{_OFFICE_CUE}|주무관|주임|사무관|서기관|팀장|과장|국장|실장|직원|공무원|의원")


class LandlineRecognizer:
    """A landline that the nearest cue before it on its line (up to ``window``
    characters) calls a home's or a private person's, or that stands in a row of
    a list of persons (``identity.PERSON_ROW``) with no office or official in it;
    no cue, or an office's, keeps it."""

    kind = "phone_number"

    def __init__(self, window: int = 30):
        self.window = window

    def find(self, text: str) -> Iterable[Finding]:
        for m in _LANDLINE.finditer(text):
            if CITY_HALL_EXCHANGE.match(m.group(0).lstrip("(")):
                continue
            cues = list(_PHONE_CUES.finditer(window_before(text, m.start(), self.window)))
            if cues and cues[-1].lastgroup == "home" or not cues and self._in_person_row(text, m.start(), m.end()):
                yield Finding(m.start(), m.end(), self.kind, m.group(0))

    @staticmethod
    def _in_person_row(text: str, start: int, end: int) -> bool:
        line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
        row = text[line_start:line_end if line_end >= 0 else len(text)]
        return bool(PERSON_ROW.search(row)) and not _OFFICIAL_IN_ROW.search(row)


# --- e-mail ---------------------------------------------------------------------------

# Public contact points: central and local government (go.kr, korea.kr, mil.kr, the
# regional domains such as seoul.kr) and the city's public institutions, whose staff
# write from their own domains. Any subdomain of one is public too.
# The institutions' domains were written from memory: no list of the city's institutions
# with their mail domains by 서울시 or 행정안전부 was found in the stored pages and docs
# (2026-11-29); the institutions themselves are the 지방공기업 and 출연기관 the city lists
# (news.seoul.go.kr/gov/public_corporation describes them, without domains).
PUBLIC_MAIL_DOMAINS = (
    "go.kr", "korea.kr", "mil.kr", "seoul.kr", "busan.kr", "daegu.kr", "incheon.kr", "gwangju.kr", "daejeon.kr",
    "ulsan.kr", "sejong.kr", "gyeonggi.kr", "gangwon.kr", "chungbuk.kr", "chungnam.kr", "jeonbuk.kr", "jeonnam.kr",
    "gyeongbuk.kr", "gyeongnam.kr", "jeju.kr",
    # 서울특별시 투자·출연기관 (the city's public institutions)
    "seoulmetro.co.kr", "i-sh.co.kr", "sisul.or.kr", "si.re.kr", "sfac.or.kr", "sejongpac.or.kr", "seoulphil.or.kr",
    "120dasan.or.kr", "seoulwelfare.or.kr", "50plus.or.kr", "seoulshinbo.co.kr", "seoulmc.or.kr", "i-se.co.kr",
    "garak.co.kr", "sba.kr", "seouldesign.or.kr", "seoulwomen.or.kr", "seoul.or.kr", "tbs.seoul.kr", "sdhs.or.kr",
    "seoulsportsfund.or.kr", "seoulpi.or.kr", "seoulyouth.or.kr",
)
# The local part in ASCII, or in Hangul (홍길동@한국.kr); an ASCII one glued after a Korean
# word starts at its first ASCII character (메일주소는hong@naver.com).
_LOCAL = r"(?:(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*|(?<![A-Za-z0-9가-힣._%+-])[가-힣][가-힣0-9._%+-]*)"
# A label is ASCII (a Hangul particle glued after it is not part of it: naver.com의)
# or begins with Hangul (an IDN label: 한국, 서울시청).
_DOMAIN_LABEL = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?|[가-힣][가-힣A-Za-z0-9-]*)"
_EMAIL = re.compile(_LOCAL + r"@(?P<domain>" + _DOMAIN_LABEL
                    + r"(?:\.(?:" + _DOMAIN_LABEL + r")?)*)")
# Labels of a Korean domain that are not its end (go, or, co …): an address that ends
# with one at a line break goes on in the next line.
_SECOND_LEVEL = frozenset("go or co ac ne re pe mil seoul korea es ms hs kg sc".split())
_CONTINUATION = re.compile(r"[ \t]*\r?\n[ \t]*(?P<rest>[A-Za-z0-9.-]*[A-Za-z0-9])")
_LOCAL_BEFORE_BREAK = re.compile(r"(?<![A-Za-z0-9._%+-])(?!(?i:e-?mail|mail)\s)[A-Za-z0-9._%+-]+\r?\n[ \t]*$")


def ascii_domain(domain: str) -> Optional[str]:
    """The domain in ASCII (``한국.kr`` → ``xn--3e0b707e.kr``), lower-case; None
    when it is not a valid domain name with a top-level label of two letters or more."""
    labels = domain.rstrip(".").split(".")
    if len(labels) < 2 or len(labels[-1]) < 2 or not all(labels):
        return None
    try:
        encoded = idna.encode(".".join(labels), uts46=True).decode("ascii").lower()
    except (idna.IDNAError, UnicodeError):
        return None
    top = encoded.rsplit(".", 1)[1]
    return encoded if top.isalpha() or top.startswith("xn--") else None


def is_public_mail_domain(domain: str) -> bool:
    """Whether an ASCII domain is a public institution's (``PUBLIC_MAIL_DOMAINS`` or below)."""
    return any(domain == d or domain.endswith("." + d) for d in PUBLIC_MAIL_DOMAINS)


def _incomplete(domain: str) -> bool:
    """Whether a domain cut at a line break cannot be whole: it ends with a dot or a
    hyphen, has no dot, a last label shorter than two, or a second-level label."""
    if domain.endswith((".", "-")) or "." not in domain:
        return True
    last = domain.rsplit(".", 1)[1]
    return len(last) < 2 or last.lower() in _SECOND_LEVEL


class EmailRecognizer:
    """E-mail addresses not on a public domain; Hangul in the local part or the
    domain (IDN); an address broken over two lines is read as one."""

    kind = "email"

    def find(self, text: str) -> Iterable[Finding]:
        if "@" not in text:
            return
        for m in _EMAIL.finditer(text):
            start, end, domain = m.start(), m.end(), m.group("domain")
            cont = _CONTINUATION.match(text, end)
            if cont and _incomplete(domain):
                domain, end = domain + cont.group("rest"), cont.end()
            stripped = domain.rstrip(".")
            end -= len(domain) - len(stripped)  # a full stop after the address
            encoded = ascii_domain(stripped)
            if encoded is None or is_public_mail_domain(encoded):
                continue
            line_start = text.rfind("\n", 0, start) + 1
            if line_start and not text[line_start:start].strip():  # the address starts its line
                before = _LOCAL_BEFORE_BREAK.search(text, max(0, line_start - 80), start)
                if before:
                    start = before.start()  # the local part began on the line before
            yield Finding(start, end, self.kind, text[start:end])


email = EmailRecognizer()
