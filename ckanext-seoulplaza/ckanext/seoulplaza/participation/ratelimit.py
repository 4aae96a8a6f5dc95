"""Per-user rate limits for what citizens post, counted in Redis (one
fixed window per hour, shared by every portal process)."""
from __future__ import annotations

import time

import ckan.plugins.toolkit as tk
from ckan.lib.redis import connect_to_redis

WINDOW = 3600


class RateLimited(tk.ValidationError):
    def __init__(self, what: str, limit: int):
        super().__init__({"rate_limit": [
            tk._("You can post at most {limit} {what} an hour; please try again later").format(
                limit=limit, what=what)]})


def check(user_id: str, action: str, what: str) -> None:
    """Count one more ``action`` by the user; refuse it past the hour's limit."""
    limit = tk.config.get("ckanext.seoulplaza.participation.max_per_hour")
    key = f"seoulplaza:rate:{action}:{user_id}:{int(time.time() // WINDOW)}"
    redis = connect_to_redis()
    count = redis.incr(key)
    if count == 1:
        redis.expire(key, WINDOW)
    if count > limit:
        raise RateLimited(what, limit)
