"""Outgoing mail: render a message and hand it to SMTP (``MAIL_SERVER``) or, without one, write
it to a file in the instance folder. Only the job worker calls this, through the outbox
(``services/notify.py`` records, ``web/mail_delivery.py`` sends)."""

from __future__ import annotations

import logging
import os
import smtplib
import uuid
from contextlib import nullcontext
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Any

from flask import current_app, has_request_context, render_template
from flask_babel import force_locale

log = logging.getLogger(__name__)


def mail_folder() -> Path:
    """Where mail goes without ``MAIL_SERVER``: readable by the app's user only."""
    path = Path(current_app.config["INSTANCE_PATH"]) / "mail"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def send_mail(to: str, subject: str, body: str, message_id: str | None = None) -> EmailMessage:
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["MAIL_FROM"]
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = message_id or make_msgid(domain="envsaq")
    message.set_content(body)
    if config.get("MAIL_SERVER"):
        with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30) as smtp:
            if config["MAIL_USE_TLS"]:
                smtp.starttls()
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
            smtp.send_message(message)
    else:
        name = uuid.uuid4().hex
        partial = mail_folder() / f".{name}.part"
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(bytes(message))
        path = partial.rename(partial.with_name(f"{name}.eml"))  # whole, or not there at all
        log.warning("mail to %s written to %s (no MAIL_SERVER): %s", to, path, subject)
    return message


def render_mail(template: str, locale: str, **context: Any) -> tuple[str, str]:
    """Render ``mail/<template>.txt`` in ``locale``: (subject, body); the first line is the
    subject."""
    # The worker has no request; the templates' context processors expect one.
    request = nullcontext() if has_request_context() else current_app.test_request_context()
    with request, force_locale(locale):
        text = render_template(f"mail/{template}.txt", **context)
    subject, _, body = text.partition("\n")
    return subject.strip(), body.lstrip("\n")


def send_template(to: str, template: str, locale: str, message_id: str | None = None,
                  **context: Any) -> EmailMessage:
    """Render ``mail/<template>.txt`` in the recipient's language and send it."""
    subject, body = render_mail(template, locale, **context)
    return send_mail(to, subject, body, message_id=message_id)
