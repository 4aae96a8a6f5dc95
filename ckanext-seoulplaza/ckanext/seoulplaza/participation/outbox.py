"""Notifications by e-mail through CKAN's mailer, via an outbox table.

A request only writes the mail into the outbox, in its own transaction; the
sync pass (a background job right after, and ``ckan seoulplaza participation
sync`` on a timer) hands it to the SMTP server and retries while the server
refuses, so a mail server that is down delays notices but loses none."""
from __future__ import annotations

import datetime as dt
import logging

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib import mailer

from .model import OutboxMail

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 20


def queue(recipients: list[tuple[str, str]], subject: str, body: str, topic: str) -> None:
    """Add one mail per recipient to the session (committed with the caller's change)."""
    footer = "\n\n--\n{}\n{}".format(tk.config.get("ckan.site_title"), tk.config.get("ckan.site_url"))
    for name, address in recipients:
        model.Session.add(OutboxMail(recipient_name=name, recipient_email=address, subject=subject,
                                     body=body + footer, topic=topic))


def deliver(limit: int = 200) -> tuple[int, int]:
    """Send what is waiting; returns (sent, failed)."""
    pending = (model.Session.query(OutboxMail)
               .filter(OutboxMail.sent_at.is_(None), OutboxMail.attempts < MAX_ATTEMPTS)
               .order_by(OutboxMail.id).limit(limit).all())
    sent = failed = 0
    for mail in pending:
        try:
            mailer.mail_recipient(mail.recipient_name, mail.recipient_email, mail.subject, mail.body,
                                  headers={"X-Seoulplaza-Topic": mail.topic})
        except mailer.MailerException as error:
            mail.attempts += 1
            mail.last_error = str(error)[:500]
            failed += 1
            log.warning("mail %s to %s not sent (attempt %s): %s", mail.id, mail.recipient_email,
                        mail.attempts, error)
        else:
            mail.sent_at = dt.datetime.utcnow()
            sent += 1
        model.Session.commit()
    return sent, failed
