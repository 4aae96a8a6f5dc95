"""Password-reset requests are counted per account and per client address.

CKAN's ``user.request_reset`` view (``/user/reset``) mails a reset link to the
account a visitor types (a user name or an e-mail address) and answers alike
whether it exists. Unbounded, one anonymous client can fill a citizen's
mailbox with reset mails, or make the portal's mail server a spam source. Every
request is counted (not only failures: each one sends a mail) in fixed windows
of ``ckanext.seoulplaza.password_reset.window`` seconds —
``…max_per_account`` for one account (by user id, whatever it was typed as;
an unknown name as typed, so the answer still does not tell which exist) and
``…max_per_address`` for one client address (IPv6 by its /64) — and past
either limit the request is refused before the view runs: HTTP 429 with
``Retry-After`` and a Korean message, nothing mailed. Counts live in Redis
through the plaza's limiter, shared by every worker process.
"""
from __future__ import annotations

import logging
import math
from typing import Any

import ckan.plugins.toolkit as tk
from flask import request
from limits import RateLimitItemPerSecond

from . import limiter
from .login_throttle import account_key, address_key

log = logging.getLogger(__name__)

ACCOUNT_LIMIT = "ckanext.seoulplaza.password_reset.max_per_account"
ADDRESS_LIMIT = "ckanext.seoulplaza.password_reset.max_per_address"
WINDOW = "ckanext.seoulplaza.password_reset.window"


def refuse_when_flooding() -> Any:
    """before_request: count a reset request; refuse it (429) past either limit."""
    if request.method != "POST" or request.endpoint != "user.request_reset":
        return None
    window = tk.config.get(WINDOW)
    fixed = limiter.fixed_window()
    counted = [(RateLimitItemPerSecond(tk.config.get(ACCOUNT_LIMIT), window, namespace="reset-account"),
                account_key(request.form.get("user"))),
               (RateLimitItemPerSecond(tk.config.get(ADDRESS_LIMIT), window, namespace="reset-address"),
                address_key(request.remote_addr))]
    over = [(item, key) for item, key in counted if not fixed.hit(item, key)]
    if not over:
        return None
    wait = limiter.seconds_until_free(fixed, over)
    log.warning("password reset refused from %s: too many requests for %s; retry in %ss",
                request.remote_addr, " and ".join(key for _, key in over), wait)
    message = tk._("Too many password reset requests for this account or from this address. "
                   "Try again in {minutes} minutes.").format(minutes=math.ceil(wait / 60))
    return limiter.too_many_requests(message, wait, tk._("Too many attempts"))


def install(app: Any) -> None:
    app.before_request(refuse_when_flooding)
