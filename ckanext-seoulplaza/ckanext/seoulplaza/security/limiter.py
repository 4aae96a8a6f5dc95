"""The plaza's one way to rate-limit: the ``limits`` library's strategies over
CKAN's own Redis (``ckan.redis.url``), so every worker process of a
multi-process server counts in the same place.

Used by login throttling (``login_throttle``) and by the participation limits
(``participation.ratelimit``). This module builds the shared objects and
the one way a refusal is answered (``too_many_requests``); each user says
what it limits, with ``limits.RateLimitItem`` values such as
``RateLimitItemPerHour(10, namespace="comment")`` and identifiers (a user id,
an address) for ``hit``/``test``/``get_window_stats``.
"""
from __future__ import annotations

import math
import time
from functools import lru_cache
from typing import Any, Iterable, Union

import ckan.plugins.toolkit as tk
from flask import Response, jsonify, make_response, request
from limits import RateLimitItem
from limits.storage import RedisStorage
from limits.strategies import FixedWindowRateLimiter, MovingWindowRateLimiter

# Every count is a Redis key under this prefix (e.g. "seoulplaza:LIMITS:LIMITER/login-account/…").
KEY_PREFIX = "seoulplaza:LIMITS"


@lru_cache(maxsize=None)
def _storage(url: str) -> RedisStorage:
    return RedisStorage(url, key_prefix=KEY_PREFIX)


def storage() -> RedisStorage:
    """The Redis storage of the portal's ``ckan.redis.url`` (one connection pool per URL)."""
    return _storage(tk.config.get("ckan.redis.url"))


def fixed_window() -> FixedWindowRateLimiter:
    """Counts in windows that start with the first hit and last the limit's period
    (one Redis counter per key): cheap, for everyday quotas."""
    return FixedWindowRateLimiter(storage())


def moving_window() -> MovingWindowRateLimiter:
    """Counts the hits of the last period exactly (a Redis list of timestamps per
    key, at most the limit long): for lock-outs, where a burst at a window's
    edge must not double the allowance."""
    return MovingWindowRateLimiter(storage())


def seconds_until_free(strategy: Union[FixedWindowRateLimiter, MovingWindowRateLimiter],
                       over: Iterable[tuple[RateLimitItem, str]]) -> int:
    """Whole seconds (at least 1) until every ``(limit, identifier)`` of ``over``
    allows a hit again."""
    return max(1, math.ceil(max(strategy.get_window_stats(item, key).reset_time for item, key in over)
                            - time.time()))


def too_many_requests(message: str, seconds: int, name: str, page: Any = None) -> Response:
    """HTTP 429 with ``Retry-After: seconds`` saying ``message``: JSON for the
    Action API, else ``page`` (a rendered template) or the error page titled ``name``."""
    if request.path.startswith("/api/"):
        response = make_response(jsonify({"success": False, "error": {
            "__type": "Too Many Requests", "message": message}}), 429)
    else:
        response = make_response(page if page is not None else tk.render(
            "error_document_template.html", {"code": 429, "content": message, "name": name}), 429)
    response.headers["Retry-After"] = str(seconds)
    return response
