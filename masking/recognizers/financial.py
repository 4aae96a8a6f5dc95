"""Card numbers (Luhn) and bank account numbers (where the text speaks of an account,
or written in a bank's own segment layout)."""
from __future__ import annotations

import re
from typing import Iterable

from ..findings import Finding
from .base import NOT_DIGIT_AFTER, NOT_DIGIT_BEFORE, PatternRecognizer, digits, inside_identifier, window_before
from .identity import in_row_of_persons, is_business_number, is_whole_cell


def luhn_valid(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def is_card_number(digits: str) -> bool:
    """Whether ``digits`` alone, however they were grouped, make a card number:
    15 (American Express) or 16 digits from a card network's range, Luhn-valid."""
    return len(digits) in (15, 16) and digits[0] in "3456" and luhn_valid(digits)


card_number = PatternRecognizer(
    "card_number",
    NOT_DIGIT_BEFORE + r"[3-6]\d{3}(?:[\s-]?\d{4}){3}(?:\d{1,3})?|3\d{3}[\s-]?\d{6}[\s-]?\d{5}" + NOT_DIGIT_AFTER,
    validate=lambda m: 13 <= len(digits(m.group(0))) <= 19 and luhn_valid(digits(m.group(0))))

BANKS = ("국민|신한|우리|하나|농협|기업|새마을금고|새마을|우체국|수협|신협|카카오뱅크|카카오|토스뱅크|토스|케이뱅크"
          "|SC제일|제일|씨티|부산|대구|iM뱅크|경남|광주|전북|제주|산업|산림조합|저축은행|KB|NH|IBK|SC|BNK|DGB")
ACCOUNT_CONTEXT = r"계좌|입금|예금주|송금|이체|은행|환불|(?:" + BANKS + r")(?:은행)?\s*[:：(]?\s*$"
_BANK_AFTER = re.compile(r"\s*[(\[,]?\s*(?:" + BANKS + r")(?:은행)?")
_OFFICE_PHONE = re.compile(r"0(?:2|[3-6]\d)-\d{3,4}-\d{4}")

# How each bank groups its account numbers (digits per segment), as printed on passbooks
# and transfer screens: KB국민·우체국·지역농축협·수협 6-2-6, KB국민 (old) 3-2-4-3, 신한·케이뱅크·
# 광주·신협 3-3-6, 신한 (old)·SC제일 3-2-6, 우리 4-3-6, 하나 3-6-5, NH농협·부산 3-4-4-2,
# IBK기업 3-6-2-3, 카카오뱅크 4-2-7, 토스뱅크 4-4-4, 새마을금고 4-4-4-1 and 4-2-6-1, 대구 3-2-6-1,
# 경남·전북 3-2-7, 씨티 3-6-3. A number written in one of them is an account even where the
# text does not say so, unless a label before it names a public number.
ACCOUNT_LAYOUTS = frozenset({(6, 2, 6), (3, 2, 4, 3), (3, 3, 6), (3, 2, 6), (4, 3, 6), (3, 6, 5), (3, 4, 4, 2),
                             (3, 6, 2, 3), (4, 2, 7), (4, 4, 4), (4, 4, 4, 1), (4, 2, 6, 1), (3, 2, 6, 1), (3, 2, 7), (3, 6, 3)})
_PUBLIC_NUMBER_LABEL = re.compile(r"문서|사업자|법인|고유번호|예산|과목|코드|(?i:isbn|issn|tel|fax)|접수|관리번호|공고"
                                  r"|등록번호|사건|전화|팩스|연락처|☎|우편|건축물|지번|필지|계약번호|과제번호|번호판")


def is_account_layout(groups: list[str]) -> bool:
    """Whether digit groups as written follow a bank's account layout (``ACCOUNT_LAYOUTS``)."""
    return tuple(len(g) for g in groups) in ACCOUNT_LAYOUTS


def _is_account(m: re.Match) -> bool:
    groups = m.group(0).split("-")
    return 10 <= len(digits(m.group(0))) <= 16 and not _OFFICE_PHONE.fullmatch(m.group(0)) \
        and not is_business_number(groups)


_ACCOUNT_SHAPE = NOT_DIGIT_BEFORE + r"(?:\d{2,6}(?:-\d{1,7}){1,4}|\d{10,14})" + NOT_DIGIT_AFTER


class BankAccountRecognizer:
    """Account numbers: any grouping of 10-16 digits where the text speaks of an account
    (계좌, 입금, a bank's name before or right after it); without that, a number in a
    bank's own layout, unless a label before it names a public number (문서번호,
    사업자등록번호, 예산과목 …), or 11-14 bare digits as a whole cell of a numbered row
    of persons (a table continued without its header; with a leading 0 only from 12
    digits, which no phone number has). 사업자등록번호 with their check digit are never
    accounts."""

    kind = "bank_account"

    def __init__(self, window: int = 25):
        self.pattern = re.compile(_ACCOUNT_SHAPE)
        self.context = re.compile(ACCOUNT_CONTEXT)
        self.window = window

    def find(self, text: str) -> Iterable[Finding]:
        for m in self.pattern.finditer(text):
            if not _is_account(m) or inside_identifier(text, m.start(), m.end()):
                continue  # 7c3fc61c-a640-4580-8693-83f5b5f1855b: a resource id
            before = window_before(text, m.start(), self.window)
            if self.context.search(before) or _BANK_AFTER.match(text, m.end()) or (
                    is_account_layout(m.group(0).split("-")) and not _PUBLIC_NUMBER_LABEL.search(before)) or (
                    len(m.group(0)) >= 11 and m.group(0).isdigit()
                    and (not m.group(0).startswith("0") or len(m.group(0)) >= 12)
                    and is_whole_cell(text, m.start(), m.end()) and in_row_of_persons(text, m.start(), m.end())):
                yield Finding(m.start(), m.end(), self.kind, m.group(0))


bank_account = BankAccountRecognizer()
