"""Contact data of private persons: mobile numbers and e-mail addresses.

Office and public numbers (02-2133-xxxx, 120) are not mobile numbers and are
never matched; government mail domains are public contact points.
"""
from __future__ import annotations

import re

from .base import NOT_ALNUM_BEFORE, NOT_DIGIT_AFTER, NOT_DIGIT_BEFORE, PatternRecognizer

# No mobile number's middle part starts with 0 (010-2xxx-, 011-2xx-): 010-016-1234 is a
# budget function code (분야-부문-사업), not a phone.
mobile_phone = PatternRecognizer(
    "mobile_phone",
    NOT_DIGIT_BEFORE + r"(?:\+82[\s-]?(?:\(0\)\s?)?1[016789]|\(01[016789]\)|01[016789])"
    r"[\s.-]?[1-9]\d{2,3}[\s.-]?\d{4}" + NOT_DIGIT_AFTER)
# The digits of a mobile number alone, however they were grouped (+82 without its 0).
MOBILE_DIGITS = re.compile(r"(?:0|82)1[016789][1-9]\d{6,7}")

PUBLIC_MAIL_DOMAINS = ("go.kr", "korea.kr")


def _is_private_mail(m: re.Match) -> bool:
    domain = m.group("domain").lower()
    return not any(domain == d or domain.endswith("." + d) for d in PUBLIC_MAIL_DOMAINS)


email = PatternRecognizer(
    "email",
    NOT_ALNUM_BEFORE + r"[A-Za-z0-9][A-Za-z0-9._%+-]*@(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})"
    r"(?![A-Za-z0-9])",
    validate=_is_private_mail)
