"""Login throttling: failed password checks are counted per account and per
client address, and past either limit every password check is refused — the
right password too — until the oldest counted failure leaves the window.

CKAN checks a password in one function, ``ckan.lib.authenticator.ckan_authenticator``,
called from two views:

- ``user.login`` (``/user/login`` and every ``/<locale>/user/login``), the
  login form: the account is the form's ``login`` (a user name or e-mail);
- ``user.edit`` (``/user/edit/<id>``): changing one's password or e-mail asks
  for the current password (``old_password``); the account is the logged-in user.

The Action API takes no passwords (API tokens only) and a password reset
checks a random one-time key, not a password. Every failure CKAN sees is sent
as its ``failed_login`` signal, which is where failures are counted; the
refusal comes before the view runs (``before_request``), as HTTP 429 with a
Korean message, ``Retry-After`` and a warning in the log.

Counts live in Redis through the plaza's limiter (``security.limiter``,
moving windows), so all worker processes share them. An account is counted by
its user id whatever it was typed as (name or e-mail, any case); a name with no
account is counted as typed (lower case), so probing unknown names is
throttled alike and the answer does not tell which names exist. IPv6 clients
are counted per /64, the block one subscriber usually holds.
"""
from __future__ import annotations

import ipaddress
import logging
import math
from typing import Any, Optional

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.common import current_user
from ckan.lib import signals
from flask import has_request_context, request
from limits import RateLimitItem, RateLimitItemPerSecond
from sqlalchemy import func

from . import limiter

log = logging.getLogger(__name__)

ACCOUNT_LIMIT = "ckanext.seoulplaza.login.max_failures_per_account"
ADDRESS_LIMIT = "ckanext.seoulplaza.login.max_failures_per_address"
WINDOW = "ckanext.seoulplaza.login.failure_window"
IPV6_PREFIX = 64
LOGIN_MAX = 254  # characters of a typed login kept as a key (the longest e-mail address)


def _limits() -> tuple[RateLimitItem, RateLimitItem]:
    """(per account, per address): failures allowed in the window (seconds)."""
    window = tk.config.get(WINDOW)
    return (RateLimitItemPerSecond(tk.config.get(ACCOUNT_LIMIT), window, namespace="login-account"),
            RateLimitItemPerSecond(tk.config.get(ADDRESS_LIMIT), window, namespace="login-address"))


def account_key(login: Any) -> str:
    """The account a typed login names: ``user:<id>`` for an existing user (by
    name or e-mail, any case), else ``name:<login in lower case>``."""
    typed = str(login or "").strip()[:LOGIN_MAX]
    user = model.User.get(typed.lower()) or (model.Session.query(model.User).filter(
        func.lower(model.User.email) == typed.lower()).first() if "@" in typed else None)
    return f"user:{user.id}" if user is not None else f"name:{typed.lower()}"


def address_key(address: Optional[str]) -> str:
    """The client address counted: IPv4 as is, IPv6 as its /64 network."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return f"other:{address}"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:  # ::ffff:a.b.c.d is the IPv4 client a.b.c.d
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/{IPV6_PREFIX}", strict=False))
    return str(ip)


def _login_typed() -> Optional[str]:
    """The account this request checks a password for, None if it checks none."""
    if request.method != "POST":
        return None
    if request.endpoint == "user.login" and not current_user.is_authenticated:
        return request.form.get("login") or ""
    if request.endpoint == "user.edit" and current_user.is_authenticated and request.form.get("old_password"):
        return current_user.name
    return None


def refuse_when_throttled() -> Any:
    """before_request: refuse a password check for a throttled account or address."""
    login = _login_typed()
    if login is None:
        return None
    per_account, per_address = _limits()
    account, address = account_key(login), address_key(request.remote_addr)
    moving = limiter.moving_window()
    throttled = [(item, key) for item, key in ((per_account, account), (per_address, address))
                 if not moving.test(item, key)]
    if not throttled:
        return None
    wait = limiter.seconds_until_free(moving, throttled)
    log.warning("login refused for %s from %s: too many failed password checks for %s (limits: %s per "
                "account, %s per address in %ss); retry in %ss", account, address,
                " and ".join(key for _, key in throttled), per_account.amount, per_address.amount,
                per_account.get_expiry(), wait)
    message = tk._("Too many failed logins for this account or from this address. "
                   "For your security, try again in {minutes} minutes.").format(minutes=math.ceil(wait / 60))
    page = None
    if request.endpoint == "user.login":
        tk.h.flash_error(message)
        page = tk.render("user/login.html", {})
    return limiter.too_many_requests(message, wait, tk._("Too many attempts"), page)


def count_failure(login: Any, **_: Any) -> None:
    """``failed_login`` receiver: one more failure for the account and the address."""
    if not has_request_context():
        return
    per_account, per_address = _limits()
    moving = limiter.moving_window()
    moving.hit(per_account, account_key(login))
    moving.hit(per_address, address_key(request.remote_addr))


def install(app: Any) -> None:
    app.before_request(refuse_when_throttled)
    signals.failed_login.connect(count_failure)
