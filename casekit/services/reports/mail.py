"""E-mailing the daily digests over SMTP, and sending again what waits in the outbox.

Settings (the ``setting`` table): ``smtp.host`` (required), ``smtp.security`` (``starttls``,
``tls`` for implicit TLS, or ``none``; when unset, ``smtp.starttls = true`` means ``starttls``
and anything else ``none``), ``smtp.port`` (default 465 with ``tls``, 587 with ``starttls``, 25
with ``none``), ``smtp.user`` (log in when set), ``smtp.from`` (required), ``smtp.cafile`` (a PEM
file of certificate authorities to trust besides the system's: an office's own mail server). The
password is never stored: it comes from the environment variable ``CASEKIT_SMTP_PASSWORD``.

A password never crosses the network in clear: with ``smtp.user`` set and ``smtp.security =
none`` casekit refuses to send (a configuration error before anything is sent), and a server
that does not offer STARTTLS is a failed delivery, never a fall-back to plain text. Certificates
are verified (host name included).

Every message says what it is: ``Auto-Submitted: auto-generated`` (RFC 3834: auto-responders
must not answer it) and ``X-Auto-Response-Suppress: All`` (Exchange's out-of-office replies),
and its ``Message-ID`` carries the sender's own domain.

Nothing is lost: every digest is first written to ``CASEKIT_HOME/outbox/`` (owner-only) as the
complete message, and the file is removed only once the server accepted it. A digest with no
address yet (an attorney with no e-mail, no fallback recipient set) waits there too, marked with
whom it is for (``X-Casekit-Recipient``), and :func:`resend_outbox` addresses it with the current
settings. A failure is reported per recipient in one line naming the attorney and the kind of
failure, never a client or the server's reply text; the other digests are still sent.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass, replace
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import TYPE_CHECKING

from casekit.config import ensure_private_dir, write_private_file
from casekit.errors import ConfigurationError
from casekit.services.office.settings import show_settings
from casekit.services.plain import PlainResult
from casekit.store.repos import reports as repo

if TYPE_CHECKING:
    from casekit.services.base import AppContext
    from casekit.services.reports.digests import Digest

PASSWORD_ENV = "CASEKIT_SMTP_PASSWORD"  # noqa: S105 - the variable's name, not a password
TIMEOUT_SECONDS = 30
#: Header naming whom an outbox message is for: ``attorney-<id>`` or ``fallback``.
RECIPIENT_HEADER = "X-Casekit-Recipient"
DEFAULT_PORTS = {"tls": 465, "starttls": 587, "none": 25}


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    security: str  # starttls | tls | none
    user: str
    sender: str
    password: str = ""
    cafile: str = ""

    @property
    def starttls(self) -> bool:
        return self.security == "starttls"


@dataclass(frozen=True)
class Delivery(PlainResult):
    """What happened to one digest."""

    attorney: str
    sent: bool
    error: str = ""  # one line, no client data
    outbox_file: str = ""  # where the unsent digest waits


def outbox_dir(svc: AppContext) -> Path:
    return svc.settings.home / "outbox"


def smtp_config(svc: AppContext, env: dict[str, str] | None = None) -> SmtpConfig:
    """Read the SMTP settings.

    Raises:
        ConfigurationError: ``smtp.host`` or ``smtp.from`` is not set, the port is not a number,
            or ``smtp.user`` is set on a connection without TLS (the password would travel in
            clear).
    """
    values = show_settings(svc)
    host = values.get("smtp.host", "").strip()
    sender = values.get("smtp.from", "").strip()
    for key, value in (("smtp.host", host), ("smtp.from", sender)):
        if not value:
            raise ConfigurationError(f"{key} is not set: run casekit settings set {key} VALUE")
    security = values.get("smtp.security", "").strip().lower()
    if not security:
        legacy = values.get("smtp.starttls", "").strip().lower() in ("true", "yes", "on", "1")
        security = "starttls" if legacy else "none"
    raw_port = values.get("smtp.port", "").strip()
    if raw_port and not raw_port.isdigit():
        raise ConfigurationError("smtp.port must be a number")
    port = int(raw_port) if raw_port else DEFAULT_PORTS.get(security, 25)
    user = values.get("smtp.user", "").strip()
    if user and security == "none":
        raise ConfigurationError(
            "smtp.user is set but the connection is not encrypted, so the password would be "
            "sent in clear: run casekit settings set smtp.security starttls (or tls for port 465)"
        )
    source = os.environ if env is None else env
    return SmtpConfig(
        host=host,
        port=port,
        security=security,
        user=user,
        sender=sender,
        password=source.get(PASSWORD_ENV, ""),
        cafile=values.get("smtp.cafile", "").strip(),
    )


def _domain(address: str) -> str:
    """The domain of ``casekit@firm.example`` (for the Message-ID), or ``casekit.invalid``."""
    domain = address.rpartition("@")[2].strip().strip(">").lower()
    return domain if domain and "." in domain else "casekit.invalid"


def message_for(digest: Digest, config: SmtpConfig) -> EmailMessage:
    """The e-mail for one digest; ``To`` only when the digest has an address."""
    msg = EmailMessage()
    msg["From"] = config.sender
    if digest.email:
        msg["To"] = digest.email
    msg["Subject"] = digest.subject
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=_domain(config.sender))
    msg["Auto-Submitted"] = "auto-generated"
    msg["X-Auto-Response-Suppress"] = "All"
    msg[RECIPIENT_HEADER] = digest.recipient_key
    msg.set_content(digest.markdown, subtype="plain", charset="utf-8")
    return msg


def _describe(exc: BaseException) -> str:
    """The kind of failure, with the SMTP code when there is one (never the reply text)."""
    code = getattr(exc, "smtp_code", None)
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [v[0] for v in exc.recipients.values() if isinstance(v, tuple) and v]
        code = codes[0] if codes else None
    name = type(exc).__name__
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"{name} (the server's certificate is not trusted; see smtp.cafile)"
    return f"{name} {code}" if code else name


def _tls_context(config: SmtpConfig) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if config.cafile:
        context.load_verify_locations(cafile=config.cafile)
    return context


def _send_one(msg: EmailMessage, config: SmtpConfig) -> None:
    smtp: smtplib.SMTP
    if config.security == "tls":
        smtp = smtplib.SMTP_SSL(
            config.host, config.port, timeout=TIMEOUT_SECONDS, context=_tls_context(config)
        )
    else:
        smtp = smtplib.SMTP(config.host, config.port, timeout=TIMEOUT_SECONDS)
    with smtp:
        smtp.ehlo()
        if config.security == "starttls":
            # No STARTTLS offered raises SMTPNotSupportedError: never continue in clear.
            smtp.starttls(context=_tls_context(config))
            smtp.ehlo()
        if config.user:
            if config.security == "none":  # smtp_config refuses this; keep the promise here too
                raise smtplib.SMTPException("refusing to send a password without TLS")
            smtp.login(config.user, config.password)
        smtp.send_message(msg)


def _stem(digest: Digest) -> str:
    return f"{digest.today.isoformat()}-{digest.recipient_key}"


def send_digests(
    svc: AppContext, digests: Sequence[Digest], config: SmtpConfig | None = None
) -> list[Delivery]:
    """Send each digest to its recipient; return one :class:`Delivery` per digest.

    Each digest is written to the outbox first (a second run on the same day replaces the one
    still waiting) and removed once sent; a digest that could not be sent (no e-mail address,
    connection refused, recipient refused ...) stays there for :func:`resend_outbox`.
    """
    config = config or smtp_config(svc)
    box = ensure_private_dir(outbox_dir(svc))
    out: list[Delivery] = []
    for digest in digests:
        who = digest.attorney or "office"
        try:
            msg = message_for(digest, config)
            valid = bool(digest.email)
        except (ValueError, TypeError):  # a malformed address: the header checks refuse it
            msg = message_for(_without_address(digest), config)
            valid = False
        path = box / f"{_stem(digest)}.eml"
        write_private_file(path, bytes(msg))
        if not valid:
            out.append(Delivery(who, False, _no_address(digest), str(path)))
            continue
        out.append(_deliver(msg, config, who, path))
    return out


def _without_address(digest: Digest) -> Digest:
    return replace(digest, email="", invalid_email=True)


def _no_address(digest: Digest) -> str:
    if digest.invalid_email:
        return "invalid e-mail address"
    if digest.recipient_key == "fallback":
        return "no fallback recipient: run casekit settings set reminders.fallback_email ADDRESS"
    return "no e-mail address on file"


def _deliver(msg: EmailMessage, config: SmtpConfig, who: str, path: Path) -> Delivery:
    try:
        _send_one(msg, config)
    except (smtplib.SMTPException, OSError) as exc:
        return Delivery(who, False, _describe(exc), str(path))
    path.unlink(missing_ok=True)
    return Delivery(who, True)


def resend_outbox(svc: AppContext, config: SmtpConfig | None = None) -> list[Delivery]:
    """Send every message waiting in the outbox, oldest first.

    A message that was written without an address gets the recipient's current one (the
    attorney's e-mail, or ``reminders.fallback_email``). Sent messages are removed; the others
    stay, each reported in one line.
    """
    box = outbox_dir(svc)
    if not box.is_dir():
        return []
    config = config or smtp_config(svc)
    files = sorted(box.glob("*.eml"))
    if not files:
        return []
    addresses = _current_addresses(svc, show_settings(svc))
    out: list[Delivery] = []
    for path in files:
        msg = message_from_bytes(path.read_bytes(), policy=policy.default)  # an EmailMessage
        key = str(msg.get(RECIPIENT_HEADER, "")).strip()
        who, address = addresses.get(key, (key or path.name, ""))
        if not msg.get("To"):
            if not address:
                why = (
                    "no fallback recipient: run casekit settings set reminders.fallback_email "
                    "ADDRESS"
                    if key == "fallback"
                    else "no e-mail address on file"
                )
                out.append(Delivery(who, False, why, str(path)))
                continue
            msg["To"] = address
            write_private_file(path, bytes(msg))
        out.append(_deliver(msg, config, who, path))
    return out


def _current_addresses(svc: AppContext, values: dict[str, str]) -> dict[str, tuple[str, str]]:
    """``attorney-<id>`` / ``fallback`` → (who, e-mail now on file)."""
    with svc.transaction() as session:
        rows = repo.all_users(session=session)
    found = {f"attorney-{r.id}": (r.name, r.email or "") for r in rows}
    found["fallback"] = (
        values.get("reminders.fallback_name", "") or "fallback recipient",
        values.get("reminders.fallback_email", ""),
    )
    return found
