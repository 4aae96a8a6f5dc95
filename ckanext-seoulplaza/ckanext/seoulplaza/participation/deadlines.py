"""The disclosure act's periods, counted as the act counts them.

정보공개법 has no counting rule of its own, so 민법 applies: the day of receipt
is not counted (제157조, 초일 불산입) and a period whose last day is a Saturday,
Sunday or public holiday ends on the next working day (제161조). Periods:

- 제11조①  decide within 10 days of receiving the request;
- 제11조②  extendable once, by 10 days counted from the day after the first
            period ends;
- 제18조①  an objection within 30 days of the decision's notice (or of the
            20th day after the request, when no decision came);
- 제18조③  the objection decided within 7 days.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

DECISION_DAYS = 10
EXTENSION_DAYS = 10
SILENCE_DAYS = 20
OBJECTION_DAYS = 30
OBJECTION_DECISION_DAYS = 7


@lru_cache(maxsize=16)
def _holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("KR", years=[year])


def is_day_off(day: dt.date) -> bool:
    """Saturday, Sunday or a Korean public holiday (substitute holidays included)."""
    return day.weekday() >= 5 or day in _holidays(day.year)


def period_end(start: dt.date, days: int) -> dt.date:
    """The last day of a period of ``days`` days that starts the day after ``start``."""
    end = start + dt.timedelta(days=days)
    while is_day_off(end):
        end += dt.timedelta(days=1)
    return end


def decision_due(received: dt.date) -> dt.date:
    return period_end(received, DECISION_DAYS)


def extended_due(due: dt.date) -> dt.date:
    return period_end(due, EXTENSION_DAYS)


def objection_due(notified: dt.date) -> dt.date:
    return period_end(notified, OBJECTION_DAYS)


def silence_since(received: dt.date) -> dt.date:
    """The day from which silence counts as a refusal that may be objected to."""
    return received + dt.timedelta(days=SILENCE_DAYS)


def objection_decision_due(objected: dt.date) -> dt.date:
    return period_end(objected, OBJECTION_DECISION_DAYS)
