"""Shared fixtures: the demo coalition, its personas, a real SMTP server on loopback."""

import email
import io
import socket
import tempfile
from email import policy
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.management import call_command

from demo import content

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
PASSWORD = "a long demo passphrase 42"
# The demo personas, named by who they are (demo/content.py is the one place they are kept): key -> email.
PERSONAS = {key: email for key, (email, *_rest) in content.PERSONAS.items()}


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # The test client speaks plain HTTP; production's HTTPS redirect is tested in test_settings.py.
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",  # fast for passwords set in tests
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",  # the demo personas, set before the tests
    ]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_AUTOREFRESH = True
    settings.WHITENOISE_USE_FINDERS = True
    settings.CIVNET_REQUIRE_2FA = True


def load_demo():
    from django.contrib.auth import get_user_model

    out = io.StringIO()
    credentials = Path(tempfile.mkdtemp()) / "credentials.json"
    call_command("load_demo", credentials=str(credentials), stdout=out)
    User = get_user_model()
    for email_address in PERSONAS.values():
        user = User.objects.get(email=email_address)
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    # Coalition roles and organisation admins must use two-factor: give them an authenticator.
    for key in ("tech_officer", "astefir_admin", "deirna_admin"):
        user = User.objects.get(email=PERSONAS[key])
        if not user.authenticator_set.exists():
            TOTP.activate(user, generate_totp_secret())


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_demo()


@pytest.fixture
def demo(db):
    """The demo coalition. Transactional tests empty the tables when they end, so reload if needed."""
    from members.models import Organisation

    if not Organisation.objects.exists():
        load_demo()


@pytest.fixture
def people(demo):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    return {key: User.objects.get(email=address) for key, address in PERSONAS.items()}


@pytest.fixture
def as_user(client, people):
    def login(key):
        client.force_login(people[key])
        return client

    return login


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Mailbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        message.envelope_rcpt = list(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address):
        return [m for m in self.messages if address in m.envelope_rcpt]

    @staticmethod
    def body(message) -> str:
        part = message.get_body(preferencelist=("plain",))
        return part.get_content()


@pytest.fixture
def smtp(settings):
    """A real SMTP server (aiosmtpd) on loopback; Django sends to it through its SMTP backend."""
    from aiosmtpd.controller import Controller

    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield mailbox
    finally:
        controller.stop()


def pytest_collection_modifyitems(items):
    """A browser test that fails runs once more: Chromium on a loaded two-core CI machine can miss a moment that a
    person would not. The rerun is printed (R) and both runs' failures are reported, so a flaky test stays visible;
    a test that fails twice fails the suite."""
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.flaky(reruns=1, reruns_delay=2))


def pytest_terminal_summary(terminalreporter):
    """Print each language's translation coverage at the end of every run."""
    from pathlib import Path

    import polib

    locale = Path(__file__).resolve().parent.parent / "locale"
    parts = []
    for lang in ("ar", "ku", "syr"):
        po = polib.pofile(str(locale / lang / "LC_MESSAGES" / "django.po"))
        parts.append(f"{lang} {po.percent_translated()}% ({len(po.translated_entries())}/{len(po)})")
    terminalreporter.write_line("translation coverage: " + ", ".join(parts) + ", en is the source")
    walk = getattr(terminalreporter.config, "_civnet_walk", None)
    if walk:
        terminalreporter.write_line(walk)


def pytest_sessionfinish(session):
    from tests import test_crawl

    line = test_crawl.walked_summary()
    if line:
        session.config._civnet_walk = line
