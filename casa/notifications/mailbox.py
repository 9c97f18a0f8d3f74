"""The demo's mailbox: e-mails that the laptop profile writes to files (Django's file e-mail
backend, EMAIL_FILE_PATH = var/mail) instead of sending them, read back for the page that
administrators open in the browser (views.demo_mailbox). Never used in production, where
EMAIL_BACKEND must deliver (settings.laptop_settings_left)."""

import email
import re
from dataclasses import dataclass
from email import policy
from email.utils import parsedate_to_datetime
from pathlib import Path

from django.conf import settings

# Django's file backend names each file <date>-<time>-<number>.log and separates the messages
# written through one connection with a line of 79 hyphens.
FILE_NAME = re.compile(r"\d{8}-\d{6}-\d+\.log")
SEPARATOR = re.compile(rb"^-{79}$", re.M)


@dataclass
class Mail:
    file: str
    number: int
    subject: str
    sender: str
    to: str
    date: object
    text: str
    attachments: list


def folder():
    return Path(getattr(settings, "EMAIL_FILE_PATH", "") or settings.VAR_DIR / "mail")


def _read(path):
    raw = path.read_bytes()
    for number, chunk in enumerate(part.strip() for part in SEPARATOR.split(raw)):
        if chunk:
            yield number, email.message_from_bytes(chunk, policy=policy.default)


def _mail(file, number, message):
    body = message.get_body(preferencelist=("plain", "html"))
    try:
        date = parsedate_to_datetime(message["Date"]) if message["Date"] else None
    except (TypeError, ValueError):
        date = None
    return Mail(file=file, number=number, subject=str(message["Subject"] or ""),
                sender=str(message["From"] or ""), to=str(message["To"] or ""), date=date,
                text=body.get_content() if body is not None else "",
                attachments=[part.get_filename() or part.get_content_type()
                             for part in message.iter_attachments()])


def mails():
    """Every e-mail in the mailbox, newest first."""
    found = []
    if folder().is_dir():
        for path in folder().iterdir():
            if FILE_NAME.fullmatch(path.name):
                found += [_mail(path.name, number, message) for number, message in _read(path)]
    return sorted(found, key=lambda mail: (mail.file, mail.number), reverse=True)


def mail(file, number):
    """One e-mail, or None (a name that is not a mailbox file is never opened)."""
    if not FILE_NAME.fullmatch(file) or not (folder() / file).is_file():
        return None
    for found, message in _read(folder() / file):
        if found == number:
            return _mail(file, number, message)
    return None
