"""casekit remind: the daily digest, its exit status, and e-mail to a local SMTP server."""

from __future__ import annotations

import socket
import stat
from datetime import date
from email import message_from_bytes

import pytest
from typer.testing import CliRunner

from casekit.cli import app
from casekit.services import reports
from casekit.services.reports import mail
from casekit.store.models import Setting

runner = CliRunner()


def _remind(*args):
    return runner.invoke(app, ["remind", *args])


def test_exit_0_when_nothing_is_overdue(services, make_matter, deadline):
    a = make_matter(client_name="Juana Nadie")
    deadline(a, due=date(2027, 1, 5))
    res = _remind("--today", "2026-12-20")
    assert res.exit_code == 0, res.output
    assert "# Daily deadline digest: 2026-12-20" in res.stdout
    assert "## This week (0)" in res.stdout and "## Next 30 days (1)" in res.stdout
    assert "J. N." in res.stdout and "Juana" not in res.stdout  # initials only


def test_exit_3_when_something_is_overdue(services, make_matter, deadline, tmp_path):
    deadline(make_matter(), due=date(2027, 1, 5))
    out = tmp_path / "digest.md"
    res = _remind("--today", "2030-01-01", "--output", str(out))
    assert res.exit_code == 3
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "## Overdue (1)" in out.read_text()


def test_exit_0_on_an_empty_database(services):
    assert _remind("--today", "2030-01-01").exit_code == 0


# --- e-mail ---------------------------------------------------------------------------------


class Handler:
    """Accepts mail, except for addresses starting with "refuse"."""

    def __init__(self):
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address.startswith("refuse"):
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append((envelope.rcpt_tos, envelope.content))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server():
    from aiosmtpd.controller import Controller

    handler = Handler()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, handler
    controller.stop()


def _smtp_settings(services, port: int) -> None:
    with services.transaction() as s:
        for key, value in {
            "smtp.host": "127.0.0.1",
            "smtp.port": str(port),
            "smtp.starttls": "false",
            "smtp.from": "casekit@firm.example",
        }.items():
            s.add(Setting(key=key, value=value))


@pytest.fixture
def two_attorneys(make_matter, deadline):
    a = make_matter(
        client_name="Juana Nadie", attorney="Ada Lawyer", attorney_email="ada@firm.example"
    )
    b = make_matter(
        client_name="Pedro Cruz", attorney="Bo Counsel", attorney_email="refuse-bo@firm.example"
    )
    deadline(a, due=date(2026, 11, 10))  # overdue on 2026-11-20
    deadline(b, due=date(2026, 11, 27))
    return a, b


def test_email_delivery_and_per_recipient_failure(services, two_attorneys, smtp_server):
    controller, handler = smtp_server
    _smtp_settings(services, controller.port)
    a, b = two_attorneys

    res = _remind("--today", "2026-11-20", "--email")

    assert res.exit_code == 4  # a digest not delivered wins over "something is overdue"
    assert len(handler.messages) == 1
    rcpt, content = handler.messages[0]
    assert rcpt == ["ada@firm.example"]
    msg = message_from_bytes(content)
    assert msg["From"] == "casekit@firm.example"
    assert msg["Auto-Submitted"] == "auto-generated"  # RFC 3834: no auto-replies to it
    assert msg["Message-ID"].endswith("@firm.example>")  # the sender's domain
    assert "1 overdue" in msg["Subject"] and "Juana" not in msg["Subject"]
    body = msg.get_payload(decode=True).decode()
    assert a in body and b not in body  # only Ada's own matters
    assert "J. N." in body and "Juana" not in body

    errors = [line for line in res.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert "Bo Counsel" in errors[0] and "SMTPRecipientsRefused 550" in errors[0]
    assert "Pedro" not in res.stderr and "Cruz" not in res.stderr and b not in res.stderr
    outbox = sorted(mail.outbox_dir(services).iterdir())
    assert len(outbox) == 1  # Bo's digest waits; Ada's was removed once sent
    assert stat.S_IMODE(outbox[0].stat().st_mode) == 0o600
    assert b in outbox[0].read_text()


def test_failed_sends_exit_4_when_nothing_overdue(services, make_matter, deadline, smtp_server):
    controller, handler = smtp_server
    _smtp_settings(services, controller.port)
    m = make_matter(attorney="Bo Counsel", attorney_email="refuse@firm.example")
    deadline(m, due=date(2026, 11, 27))
    make_matter(attorney="No Mail")  # an attorney with no e-mail address
    res = _remind("--today", "2026-11-20", "--email")
    assert res.exit_code == 4
    errors = [line for line in res.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2 and any("no e-mail address" in e for e in errors)
    assert handler.messages == []
    assert len(list(mail.outbox_dir(services).iterdir())) == 2


def test_server_down_keeps_every_digest(services, two_attorneys):
    _smtp_settings(services, _free_port())  # nobody listens there
    digests = reports.attorney_digests(services, today=date(2026, 11, 20))
    results = mail.send_digests(services, digests)
    assert [r.sent for r in results] == [False, False]
    assert all(r.error.startswith("ConnectionRefusedError") for r in results)
    assert len(list(mail.outbox_dir(services).iterdir())) == 2


def test_email_needs_smtp_settings(services, two_attorneys):
    res = _remind("--today", "2026-11-20", "--email")
    assert res.exit_code == 2 and "smtp.host is not set" in res.stderr
    assert res.stdout == ""  # nothing printed before the configuration error


def test_smtp_password_comes_from_the_environment(services, monkeypatch):
    _smtp_settings(services, 2525)
    monkeypatch.setenv("CASEKIT_SMTP_PASSWORD", "s3cret")
    config = mail.smtp_config(services)
    assert (config.host, config.port, config.security, config.password) == (
        "127.0.0.1",
        2525,
        "none",
        "s3cret",
    )
