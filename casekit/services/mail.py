"""E-mailing each attorney their daily digest over SMTP.

Settings (the ``setting`` table): ``smtp.host`` (required), ``smtp.port`` (default 587 with
STARTTLS, else 25), ``smtp.starttls`` (``true``/``false``, default false), ``smtp.user`` (log in
when set), ``smtp.from`` (required). The password is never stored: it comes from the environment
variable ``CASEKIT_SMTP_PASSWORD``.

Nothing is lost: every digest is first written to ``CASEKIT_HOME/outbox/`` (owner-only) and the
file is removed only once the server accepted the message. A failure is reported per recipient in
one line naming the attorney and the kind of failure, never a client or the server's reply text;
the other digests are still sent.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.config import ensure_private_dir, write_private_file
from casekit.errors import ConfigurationError

if TYPE_CHECKING:
    from casekit.services.base import Services
    from casekit.services.reports import Digest

PASSWORD_ENV = "CASEKIT_SMTP_PASSWORD"
TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    starttls: bool
    user: str
    sender: str
    password: str = ""


@dataclass(frozen=True)
class Delivery:
    """What happened to one attorney's digest."""

    attorney: str
    sent: bool
    error: str = ""  # one line, no client data
    outbox_file: str = ""  # where the unsent digest waits

    def to_dict(self) -> dict[str, Any]:
        return {
            "attorney": self.attorney,
            "sent": self.sent,
            "error": self.error,
            "outbox_file": self.outbox_file,
        }


def outbox_dir(svc: Services) -> Path:
    return svc.settings.home / "outbox"


def smtp_config(svc: Services, env: dict[str, str] | None = None) -> SmtpConfig:
    """Read the SMTP settings.

    Raises:
        ConfigurationError: ``smtp.host`` or ``smtp.from`` is not set, or the port is not a number.
    """
    from casekit.services.settings import show_settings

    values = show_settings(svc)
    host = values.get("smtp.host", "").strip()
    sender = values.get("smtp.from", "").strip()
    for key, value in (("smtp.host", host), ("smtp.from", sender)):
        if not value:
            raise ConfigurationError(f"{key} is not set: run casekit settings set {key} VALUE")
    starttls = values.get("smtp.starttls", "").strip().lower() in ("true", "yes", "on", "1")
    raw_port = values.get("smtp.port", "").strip()
    if raw_port and not raw_port.isdigit():
        raise ConfigurationError("smtp.port must be a number")
    port = int(raw_port) if raw_port else (587 if starttls else 25)
    source = os.environ if env is None else env
    return SmtpConfig(
        host=host,
        port=port,
        starttls=starttls,
        user=values.get("smtp.user", "").strip(),
        sender=sender,
        password=source.get(PASSWORD_ENV, ""),
    )


def _message(digest: Digest, config: SmtpConfig) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = config.sender
    msg["To"] = digest.email
    msg["Subject"] = digest.subject
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain="casekit")
    msg.set_content(digest.markdown, subtype="plain", charset="utf-8")
    return msg


def _describe(exc: BaseException) -> str:
    """The kind of failure, with the SMTP code when there is one (never the reply text)."""
    code = getattr(exc, "smtp_code", None)
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [v[0] for v in exc.recipients.values() if isinstance(v, tuple) and v]
        code = codes[0] if codes else None
    name = type(exc).__name__
    return f"{name} {code}" if code else name


def _send_one(msg: EmailMessage, config: SmtpConfig) -> None:
    with smtplib.SMTP(config.host, config.port, timeout=TIMEOUT_SECONDS) as smtp:
        smtp.ehlo()
        if config.starttls:
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
        if config.user:
            smtp.login(config.user, config.password)
        smtp.send_message(msg)


def send_digests(
    svc: Services, digests: Sequence[Digest], config: SmtpConfig | None = None
) -> list[Delivery]:
    """Send each digest to its attorney; return one :class:`Delivery` per digest.

    Each digest is written to the outbox first and removed once sent; a digest that could not be
    sent (no e-mail address, connection refused, recipient refused ...) stays there.
    """
    config = config or smtp_config(svc)
    box = ensure_private_dir(outbox_dir(svc))
    out: list[Delivery] = []
    for digest in digests:
        who = digest.attorney or "office"
        stem = f"{digest.today.isoformat()}-attorney-{digest.attorney_id or 0}"
        try:
            msg = _message(digest, config) if digest.email else None
        except (ValueError, TypeError):  # a malformed address: header checks refuse it
            msg = None
        if msg is None:
            path = box / f"{stem}.md"
            write_private_file(path, digest.markdown.encode("utf-8"))
            why = "invalid e-mail address" if digest.email else "no e-mail address on file"
            out.append(Delivery(who, False, why, str(path)))
            continue
        path = box / f"{stem}.eml"
        write_private_file(path, bytes(msg))
        try:
            _send_one(msg, config)
        except (smtplib.SMTPException, OSError) as exc:
            out.append(Delivery(who, False, _describe(exc), str(path)))
            continue
        path.unlink(missing_ok=True)
        out.append(Delivery(who, True))
    return out
