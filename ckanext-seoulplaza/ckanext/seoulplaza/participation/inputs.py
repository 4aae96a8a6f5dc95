"""Reading the participation actions' parameters: a value of the wrong shape
(a list where text belongs, ``manage=maybe``, ``year=abc``) is a
ValidationError naming the field (HTTP 409 from the API, a message on the
page), never an exception deeper down (HTTP 500); what people write is
masked as it is read."""
from __future__ import annotations

from typing import Any, Optional

import ckan.plugins.toolkit as tk

from masking import redact

FIRST_YEAR, LAST_YEAR = 1900, 2999


def text(data_dict: dict[str, Any], field: str) -> str:
    """The field as text ("" when missing or null)."""
    value = data_dict.get(field)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise tk.ValidationError({field: [tk._("Must be text")]})
    return value


def written(data_dict: dict[str, Any], field: str) -> str:
    """Text a person wrote (a petition, a request, an objection, a steward's
    note), masked (``masking.redact``) before anything stores, forwards or
    mails it: private information is identified by the account, never kept
    in the text."""
    return redact(text(data_dict, field)).text


def flag(data_dict: dict[str, Any], field: str) -> bool:
    """The field as a yes/no (true/false, yes/no, on/off, 1/0; missing is no)."""
    value = data_dict.get(field)
    if value is None or value == "":
        return False
    try:
        return tk.asbool(value)
    except ValueError:
        raise tk.ValidationError({field: [tk._("Must be true or false")]})


def year(data_dict: dict[str, Any], field: str = "year") -> Optional[int]:
    """The field as a year (FIRST_YEAR..LAST_YEAR), None when missing or empty."""
    value = data_dict.get(field)
    if value is None or value == "":
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        number = None
    if number is None or not FIRST_YEAR <= number <= LAST_YEAR:
        raise tk.ValidationError({field: [tk._("Must be a year such as 2024")]})
    return number
