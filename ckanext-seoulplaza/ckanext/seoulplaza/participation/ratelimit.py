"""Per-user rate limits for what citizens post: ``max_per_hour`` of each kind
(comment, petition, disclosure request) in a one-hour window that starts with
the first post, counted in Redis by the plaza's limiter (``security.limiter``),
so every portal process shares the count."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from limits import RateLimitItemPerHour

from ..security import limiter


class RateLimited(tk.ValidationError):
    def __init__(self, what: str, limit: int):
        super().__init__({"rate_limit": [
            tk._("You can post at most {limit} {what} an hour; please try again later").format(
                limit=limit, what=what)]})


def check(user_id: str, action: str, what: str) -> None:
    """Count one more ``action`` (e.g. "comment") by the user; past the hour's
    limit raise ``RateLimited`` (a ValidationError naming the limit and ``what``)."""
    per_hour = RateLimitItemPerHour(tk.config.get("ckanext.seoulplaza.participation.max_per_hour"),
                                    namespace=f"participation-{action}")
    if not limiter.fixed_window().hit(per_hour, user_id):
        raise RateLimited(what, per_hour.amount)
