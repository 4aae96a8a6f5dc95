"""Contact data of private persons: mobile numbers and e-mail addresses.

Office and public numbers (02-2133-xxxx, 120) are not mobile numbers and are
never matched; government mail domains are public contact points.
"""
from __future__ import annotations

import re

from .base import NOT_ALNUM_BEFORE, NOT_DIGIT_AFTER, NOT_DIGIT_BEFORE, PatternRecognizer

mobile_phone = PatternRecognizer(
    "mobile_phone",
    NOT_DIGIT_BEFORE + r"(?:\+82[\s-]?(?:\(0\)\s?)?1[016789]|\(01[016789]\)|01[016789])"
    r"[\s.-]?\d{3,4}[\s.-]?\d{4}" + NOT_DIGIT_AFTER)

PUBLIC_MAIL_DOMAINS = ("go.kr", "korea.kr")


def _is_private_mail(m: re.Match) -> bool:
    domain = m.group("domain").lower()
    return not any(domain == d or domain.endswith("." + d) for d in PUBLIC_MAIL_DOMAINS)


email = PatternRecognizer(
    "email",
    NOT_ALNUM_BEFORE + r"[A-Za-z0-9][A-Za-z0-9._%+-]*@(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})"
    r"(?![A-Za-z0-9])",
    validate=_is_private_mail)
