"""Card numbers (Luhn) and bank account numbers (only where the text speaks of an account)."""
from __future__ import annotations

import re

from .base import NOT_DIGIT_AFTER, NOT_DIGIT_BEFORE, PatternRecognizer, digits


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

_BANKS = ("국민|신한|우리|하나|농협|기업|새마을|우체국|수협|신협|카카오뱅크|토스뱅크|케이뱅크|SC제일|씨티"
          "|부산|대구|경남|광주|전북|제주|산업|KB|NH|IBK")
ACCOUNT_CONTEXT = r"계좌|입금|예금주|송금|이체|은행|(?:" + _BANKS + r")(?:은행)?\s*$"
_OFFICE_PHONE = re.compile(r"0(?:2|[3-6]\d)-\d{3,4}-\d{4}")


def _is_account(m: re.Match) -> bool:
    return 10 <= len(digits(m.group(0))) <= 16 and not _OFFICE_PHONE.fullmatch(m.group(0))


bank_account = PatternRecognizer(
    "bank_account",
    NOT_DIGIT_BEFORE + r"(?:\d{2,6}(?:-\d{2,7}){1,4}|\d{10,14})" + NOT_DIGIT_AFTER,
    validate=_is_account, context=ACCOUNT_CONTEXT, context_window=25)
