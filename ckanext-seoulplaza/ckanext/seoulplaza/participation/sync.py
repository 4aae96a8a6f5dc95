"""The participation sync pass: forward queued petitions, read the status of
open ones, send the outbox. Run as a background job after each change and by
``ckan seoulplaza participation sync`` on a timer."""
from __future__ import annotations

import logging
from typing import Any

import ckan.plugins.toolkit as tk

from . import outbox, petitions

log = logging.getLogger(__name__)


def run() -> dict[str, int]:
    counts = petitions.sync()
    counts["mail_sent"], counts["mail_failed"] = outbox.deliver()
    return counts


def kick() -> None:
    """Ask the jobs worker for a pass now; the timer catches up if Redis is away."""
    try:
        tk.enqueue_job(run, title="seoulplaza participation sync")
    except Exception as error:  # noqa: BLE001 - a missed kick only delays the pass
        log.warning("participation sync not queued: %s", error)


def line(counts: dict[str, Any]) -> str:
    return ("문의 forwarded {forwarded}, forward failed {forward_failed}, status read {refreshed}, "
            "answered {answered}; mail sent {mail_sent}, failed {mail_failed}").format(**counts)
