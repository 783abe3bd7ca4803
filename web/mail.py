"""Outgoing mail: SMTP when ``MAIL_SERVER`` is set, otherwise a file in the instance folder."""

from __future__ import annotations

import logging
import smtplib
import uuid
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale

log = logging.getLogger(__name__)


def outbox_path() -> Path:
    path = Path(current_app.config["INSTANCE_PATH"]) / "mail"
    path.mkdir(parents=True, exist_ok=True)
    return path


def send_mail(to: str, subject: str, body: str) -> EmailMessage:
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["MAIL_FROM"]
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="envsaq")
    message.set_content(body)
    if config.get("MAIL_SERVER"):
        with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30) as smtp:
            if config["MAIL_USE_TLS"]:
                smtp.starttls()
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
            smtp.send_message(message)
    else:
        path = outbox_path() / f"{uuid.uuid4().hex}.eml"
        path.write_bytes(bytes(message))
        log.info("mail to %s written to %s: %s", to, path, subject)
    return message


def send_template(to: str, template: str, locale: str, **context) -> EmailMessage:
    """Render ``mail/<template>.txt`` in the recipient's language and send it.

    The template's first line is the subject.
    """
    with force_locale(locale):
        text = render_template(f"mail/{template}.txt", **context)
    subject, _, body = text.partition("\n")
    return send_mail(to, subject.strip(), body.lstrip("\n"))
