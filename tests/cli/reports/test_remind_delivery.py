"""Reminders that reach someone: TLS, the fallback recipient, coverage, tiers, the outbox.

Every test runs on SQLite and PostgreSQL (``services``); the SMTP servers are aiosmtpd on
127.0.0.1, with a self-signed certificate made in the test for the TLS cases.
"""

from __future__ import annotations

import datetime as dt
import socket
import ssl
from datetime import date
from email import message_from_bytes
from pathlib import Path

import pytest
from sqlmodel import select
from typer.testing import CliRunner

from casekit.cli import app
from casekit.services import reports
from casekit.services.office.settings import set_setting
from casekit.services.reports import mail
from casekit.services.reports.coverage import add_coverage, list_coverage, remove_coverage
from casekit.store.models import User

runner = CliRunner()
TODAY = "2026-11-20"  # a Friday


def _remind(*args: str):
    return runner.invoke(app, ["remind", *args])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Handler:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []
        self.logins: list[str] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append((list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


def _authenticator(handler: Handler):
    from aiosmtpd.smtp import AuthResult, LoginPassword

    def check(server, session, envelope, mechanism, auth_data):  # noqa: ARG001
        ok = isinstance(auth_data, LoginPassword) and auth_data.password == b"s3cret"
        if ok:
            handler.logins.append(auth_data.login.decode())
        return AuthResult(success=ok)

    return check


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost, made here (never shipped)."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "casekit test")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


def _server_context(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    return context


@pytest.fixture
def plain_server():
    from aiosmtpd.controller import Controller

    handler = Handler()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, handler
    controller.stop()


@pytest.fixture
def implicit_tls_server(certificate):
    """SMTPS (implicit TLS, as on port 465) that requires a login."""
    from aiosmtpd.controller import Controller

    handler = Handler()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=_free_port(),
        ssl_context=_server_context(certificate),
        authenticator=_authenticator(handler),
        auth_required=True,
        # aiosmtpd counts only STARTTLS as TLS for AUTH; this whole connection is TLS already.
        auth_require_tls=False,
    )
    controller.start()
    yield controller, handler
    controller.stop()


@pytest.fixture
def starttls_server(certificate):
    from aiosmtpd.controller import Controller

    handler = Handler()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=_free_port(),
        tls_context=_server_context(certificate),
        require_starttls=True,
        authenticator=_authenticator(handler),
        auth_required=True,
    )
    controller.start()
    yield controller, handler
    controller.stop()


def _settings(services, port: int, **extra: str) -> None:
    values = {
        "smtp.host": "127.0.0.1",
        "smtp.port": str(port),
        "smtp.from": "reminders@smith-jones.example",
        **extra,
    }
    for key, value in values.items():
        set_setting(services, key, value)


def _bodies(handler: Handler) -> dict[str, str]:
    out = {}
    for rcpt, content in handler.messages:
        msg = message_from_bytes(content)
        out[rcpt[0]] = msg.get_payload(decode=True).decode()
    return out


# --- TLS ------------------------------------------------------------------------------------


def test_implicit_tls_with_login(
    services, make_matter, deadline, implicit_tls_server, certificate, monkeypatch
):
    controller, handler = implicit_tls_server
    m = make_matter(attorney="Ada Lawyer", attorney_email="ada@firm.example")
    deadline(m, due=date(2026, 11, 27))
    _settings(
        services,
        controller.port,
        **{
            "smtp.security": "tls",
            "smtp.user": "casekit",
            "smtp.cafile": str(certificate[0]),
        },
    )
    monkeypatch.setenv("CASEKIT_SMTP_PASSWORD", "s3cret")
    res = _remind("--today", TODAY, "--email")
    assert res.exit_code == 0, res.stderr
    assert handler.logins == ["casekit"]
    assert list(_bodies(handler)) == ["ada@firm.example"]
    assert not list(mail.outbox_dir(services).iterdir())


def test_an_untrusted_certificate_is_a_failed_delivery(
    services, make_matter, deadline, implicit_tls_server
):
    controller, handler = implicit_tls_server
    m = make_matter(attorney="Ada Lawyer", attorney_email="ada@firm.example")
    deadline(m, due=date(2026, 11, 27))
    _settings(services, controller.port, **{"smtp.security": "tls"})  # no smtp.cafile
    res = _remind("--today", TODAY, "--email")
    assert res.exit_code == 4
    assert "certificate is not trusted" in res.stderr
    assert handler.messages == []
    assert len(list(mail.outbox_dir(services).iterdir())) == 1


def test_starttls_with_login(
    services, make_matter, deadline, starttls_server, certificate, monkeypatch
):
    controller, handler = starttls_server
    m = make_matter(attorney="Ada Lawyer", attorney_email="ada@firm.example")
    deadline(m, due=date(2026, 11, 27))
    _settings(
        services,
        controller.port,
        **{"smtp.starttls": "true", "smtp.user": "casekit", "smtp.cafile": str(certificate[0])},
    )
    monkeypatch.setenv("CASEKIT_SMTP_PASSWORD", "s3cret")
    assert mail.smtp_config(services).security == "starttls"  # the older key still works
    res = _remind("--today", TODAY, "--email")
    assert res.exit_code == 0, res.stderr
    assert handler.logins == ["casekit"] and len(handler.messages) == 1


def test_a_password_is_never_sent_without_tls(services, make_matter, deadline, plain_server):
    controller, handler = plain_server
    m = make_matter(attorney="Ada Lawyer", attorney_email="ada@firm.example")
    deadline(m, due=date(2026, 11, 27))
    _settings(services, controller.port, **{"smtp.user": "casekit", "smtp.security": "none"})
    res = _remind("--today", TODAY, "--email")
    assert res.exit_code == 2
    assert "password would be sent in clear" in res.stderr
    assert res.stdout == "" and handler.messages == []


def test_no_starttls_offered_is_a_failure_not_plain_text(
    services, make_matter, deadline, plain_server, monkeypatch
):
    controller, handler = plain_server
    m = make_matter(attorney="Ada Lawyer", attorney_email="ada@firm.example")
    deadline(m, due=date(2026, 11, 27))
    _settings(services, controller.port, **{"smtp.security": "starttls", "smtp.user": "casekit"})
    monkeypatch.setenv("CASEKIT_SMTP_PASSWORD", "s3cret")
    res = _remind("--today", TODAY, "--email")
    assert res.exit_code == 4
    assert "SMTPNotSupportedError" in res.stderr
    assert handler.messages == []


def test_security_setting_is_checked(services):
    with pytest.raises(Exception, match="smtp.security must be"):
        set_setting(services, "smtp.security", "maybe")
    assert set_setting(services, "smtp.security", "SSL")["value"] == "tls"
    set_setting(services, "smtp.host", "mail.example.org")
    set_setting(services, "smtp.from", "a@example.org")
    assert mail.smtp_config(services).port == 465


# --- fallback, coverage, tiers ----------------------------------------------------------------


def test_a_matter_without_attorney_reaches_the_fallback_recipient(
    services, make_matter, deadline, plain_server
):
    controller, handler = plain_server
    own = make_matter(attorney="Ada Lawyer", attorney_email="ada@firm.example")
    orphan = make_matter(client_name="Nadie Solo", attorney=None)
    quiet = make_matter(client_name="Quieta Paz", attorney=None, status="screening")
    deadline(own, due=date(2026, 11, 27))
    deadline(orphan, due=date(2026, 11, 24))
    _settings(
        services,
        controller.port,
        **{
            "reminders.fallback_email": "intake@firm.example",
            "reminders.fallback_name": "Intake desk",
        },
    )
    res = _remind("--today", TODAY, "--email")
    assert res.exit_code == 0, res.stderr
    bodies = _bodies(handler)
    assert set(bodies) == {"ada@firm.example", "intake@firm.example"}
    fallback = bodies["intake@firm.example"]
    assert "Matters with no responsible attorney" in fallback
    assert orphan in fallback and quiet in fallback and own not in fallback
    assert "N. S." in fallback and "Nadie" not in fallback
    assert orphan not in bodies["ada@firm.example"]
    assert "sent the digest to Intake desk" in res.stderr


def test_an_inactive_attorneys_matters_go_to_the_fallback(services, make_matter, deadline):
    m = make_matter(attorney="Gone Lawyer", attorney_email="gone@firm.example")
    deadline(m, due=date(2026, 11, 24))
    with services.transaction() as s:
        user = s.exec(select(User).where(User.name == "Gone Lawyer")).one()
        user.active = False
    digests = reports.attorney_digests(services, today=date(2026, 11, 20))
    assert [d.recipient_key for d in digests] == ["fallback"]
    assert m in digests[0].markdown


def test_no_fallback_recipient_keeps_the_digest_and_says_so(
    services, make_matter, deadline, plain_server
):
    controller, handler = plain_server
    orphan = make_matter(attorney=None)
    deadline(orphan, due=date(2026, 11, 10))  # overdue too: 4 still wins
    _settings(services, controller.port)
    res = _remind("--today", TODAY, "--email")
    assert res.exit_code == 4
    assert "reminders.fallback_email" in res.stderr
    waiting = list(mail.outbox_dir(services).iterdir())
    assert len(waiting) == 1 and orphan in waiting[0].read_text()
    # The office sets the address later: --resend addresses and sends what waited.
    set_setting(services, "reminders.fallback_email", "intake@firm.example")
    res = _remind("--resend")
    assert res.exit_code == 0, res.stderr
    assert list(_bodies(handler)) == ["intake@firm.example"]
    assert not list(mail.outbox_dir(services).iterdir())


def test_resend_after_the_server_was_down(services, make_matter, deadline, plain_server):
    controller, handler = plain_server
    m = make_matter(attorney="Ada Lawyer", attorney_email="ada@firm.example")
    deadline(m, due=date(2026, 11, 27))
    _settings(services, _free_port())  # nobody listens there
    assert _remind("--today", TODAY, "--email").exit_code == 4
    assert _remind("--resend").exit_code == 4  # still down: still waiting
    assert len(list(mail.outbox_dir(services).iterdir())) == 1
    set_setting(services, "smtp.port", str(controller.port))
    res = _remind("--resend")
    assert res.exit_code == 0, res.stderr
    assert m in _bodies(handler)["ada@firm.example"]
    assert _remind("--resend").stderr.strip() == "the outbox is empty"
    assert "give it no other option" in _remind("--resend", "--email").stderr


def test_coverage_sends_an_absent_attorneys_deadlines_to_the_covering_one(
    services, make_matter, deadline, plain_server
):
    controller, handler = plain_server
    ada = make_matter(attorney="Ada Lawyer", attorney_email="ada@firm.example")
    make_matter(client_name="Otro Caso", attorney="Bo Counsel", attorney_email="bo@firm.example")
    deadline(ada, due=date(2026, 11, 24))
    services._today = date(2026, 11, 1)
    cover = add_coverage(
        services,
        attorney="Ada Lawyer",
        covering="Bo Counsel",
        starts_on="2026-11-16",
        ends_on="2026-11-27",
        note="vacation",
    )
    _settings(services, controller.port)
    res = _remind("--today", TODAY, "--email")
    assert res.exit_code == 0, res.stderr
    bodies = _bodies(handler)
    assert "## Covering for Ada Lawyer (until 2026-11-27)" in bodies["bo@firm.example"]
    assert ada in bodies["bo@firm.example"]
    assert "Covered by Bo Counsel until 2026-11-27" in bodies["ada@firm.example"]
    # After the coverage ends, Bo no longer gets Ada's deadlines.
    after = reports.attorney_digests(services, today=date(2026, 11, 30))
    assert ada not in next(d for d in after if d.attorney == "Bo Counsel").markdown
    assert [c.id for c in list_coverage(services, include_past=True)] == [cover.id]
    remove_coverage(services, cover.id)
    assert list_coverage(services, include_past=True) == []


def test_coverage_is_checked(services, make_matter):
    make_matter(attorney="Ada Lawyer")
    make_matter(attorney="Bo Counsel")
    services._today = date(2026, 11, 1)
    kwargs = {"attorney": "Ada Lawyer", "covering": "Bo Counsel"}
    add_coverage(services, starts_on="2026-11-10", ends_on="2026-11-20", **kwargs)
    for start, end, message in [
        ("2026-11-15", "2026-11-25", "already covered"),
        ("2026-11-30", "2026-11-25", "before --from"),
        ("2026-10-01", "2026-10-05", "already past"),
        ("2026-12-01", "2028-01-01", "at most"),
        ("2026-13-01", "2026-12-05", "not a real date"),
    ]:
        with pytest.raises(Exception, match=message):
            add_coverage(services, starts_on=start, ends_on=end, **kwargs)
    with pytest.raises(Exception, match="themselves"):
        add_coverage(
            services,
            attorney="Ada Lawyer",
            covering="ada lawyer",
            starts_on="2026-12-01",
            ends_on="2026-12-02",
        )
    with pytest.raises(Exception, match="unknown attorney"):
        add_coverage(
            services,
            attorney="Ada Lawyer",
            covering="Nobody",
            starts_on="2026-12-01",
            ends_on="2026-12-02",
        )


def test_coverage_cli(services, make_matter, monkeypatch):
    make_matter(attorney="Ada Lawyer")
    make_matter(attorney="Bo Counsel")
    monkeypatch.setenv("CASEKIT_TODAY", "2026-11-01")
    res = runner.invoke(
        app,
        ["coverage", "add", "--attorney", "Ada Lawyer", "--covering", "Bo Counsel",
         "--from", "2026-11-16", "--to", "2026-11-27", "--note", "trial"],
    )  # fmt: skip
    assert res.exit_code == 0, res.stderr
    assert "Bo Counsel receives Ada Lawyer's deadlines" in res.stdout
    listing = runner.invoke(app, ["coverage", "list"])
    assert "Ada Lawyer" in listing.stdout and "trial" in listing.stdout
    bad = runner.invoke(app, ["coverage", "remove", "999"])
    assert bad.exit_code == 2 and bad.stderr.startswith("error: no coverage has id 999")
    assert runner.invoke(app, ["coverage", "remove", "1"]).exit_code == 0


def test_reminder_tiers_are_the_firms(services, make_matter, deadline):
    m = make_matter(attorney="Ada Lawyer")
    deadline(m, due=date(2027, 1, 4), kind="limitation")  # 45 days after 2026-11-20
    digest = reports.daily_digest(services, today=date(2026, 11, 20))
    assert "## Reminders for later deadlines (0)" in digest.markdown
    set_setting(services, "reminders.tiers.limitation", "45, 10,1")
    digest = reports.daily_digest(services, today=date(2026, 11, 20))
    assert "## Reminders for later deadlines (1)" in digest.markdown and m in digest.markdown
    row = reports.deadline_report(services, today=date(2026, 12, 1), within=40).rows[0]
    assert row.tier == 45  # 34 days left: the smallest tier not below it
    with pytest.raises(Exception, match="whole number"):
        set_setting(services, "reminders.tiers.notice", "thirty")
    assert set_setting(services, "reminders.tiers.limitation", "")["value"] == ""


def test_a_weekend_reminder_day_reaches_mondays_digest(services, make_matter, deadline):
    m = make_matter(attorney="Ada Lawyer")
    set_setting(services, "reminders.tiers.limitation", "60")
    deadline(m, due=date(2027, 1, 21), kind="limitation")  # 60 days before: Sunday 2026-11-22
    friday = reports.daily_digest(services, today=date(2026, 11, 20))
    monday = reports.daily_digest(services, today=date(2026, 11, 23))
    assert m not in friday.markdown and m in monday.markdown


def test_dashboard_counts_matters_nobody_answers_for(services, make_matter):
    from casekit.services.dashboard import dashboard

    make_matter(attorney="Ada Lawyer")
    make_matter(attorney=None)
    make_matter(attorney=None, status="closed")  # closed: nobody needs to answer
    assert dashboard(services).counts.unassigned == 1
    with services.transaction() as s:
        s.exec(select(User).where(User.name == "Ada Lawyer")).one().active = False
    assert dashboard(services).counts.unassigned == 2  # an inactive attorney answers for nothing
