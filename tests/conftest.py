"""Shared fixtures: the named personas every permission test uses.

Team A: supervisor leads it, clerk supports it, salesperson belongs to it.
Team B: other_salesperson belongs to it (another team's salesperson), and so does
shared_colleague, a salesperson who holds a share: the permission matrix's scenarios share
one of the salesperson's files with them (tests/access.py ``share``).
hr, manager and compliance are company-wide roles; superuser is the administrator.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from core.roles import Role
from tests.factories import make_employee, make_team

PERSONAS = (
    "anonymous",
    "clerk",
    "salesperson",
    "other_salesperson",
    "shared_colleague",
    "supervisor",
    "hr",
    "manager",
    "compliance",
    "superuser",
)


@pytest.fixture(autouse=True)
def _fast_settings(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.AXES_ENABLED = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Each test starts with an empty cache (counts, My work, parameters).
    from django.core.cache import cache

    cache.clear()
    # The test database starts with no login rule (confidentiality.services.login).
    cache.set("confidentiality:login-rules", {})


@pytest.fixture(autouse=True)
def _force_login_passes_both_factors(monkeypatch):
    """``client.force_login(user)`` stands for a complete sign-in: password and, for the roles
    that need it, the second factor (confidentiality.services.login.SESSION_KEY). Tests of the
    sign-in itself post the forms instead."""
    from django.test import Client

    from confidentiality.services.login import SESSION_KEY

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        session = self.session
        session[SESSION_KEY] = "test"
        session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def team_a(db):
    return make_team(code="A", name="Team A")


@pytest.fixture
def team_b(db):
    return make_team(code="B", name="Team B")


@pytest.fixture
def supervisor(team_a):
    user = make_employee(Role.SUPERVISOR, team=team_a, username="supervisor")
    team_a.supervisor = user
    team_a.save()
    return user


@pytest.fixture
def clerk(team_a):
    user = make_employee(Role.CLERK, team=team_a, username="clerk")
    team_a.clerks.add(user)
    return user


@pytest.fixture
def salesperson(team_a):
    return make_employee(Role.SALESPERSON, team=team_a, username="salesperson")


@pytest.fixture
def other_salesperson(team_b):
    return make_employee(Role.SALESPERSON, team=team_b, username="other_salesperson")


@pytest.fixture
def shared_colleague(team_b):
    return make_employee(Role.SALESPERSON, team=team_b, username="shared_colleague")


@pytest.fixture
def hr(db):
    return make_employee(Role.HR, username="hr")


@pytest.fixture
def manager(db):
    return make_employee(Role.MANAGER, username="manager")


@pytest.fixture
def compliance(db):
    return make_employee(Role.COMPLIANCE, username="compliance")


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@example.com", "Root-Pass-2026")


@pytest.fixture
def personas(
    clerk,
    salesperson,
    other_salesperson,
    shared_colleague,
    supervisor,
    hr,
    manager,
    compliance,
    superuser,
):
    """Every persona by name (anonymous is None)."""
    return {
        "anonymous": None,
        "clerk": clerk,
        "salesperson": salesperson,
        "other_salesperson": other_salesperson,
        "shared_colleague": shared_colleague,
        "supervisor": supervisor,
        "hr": hr,
        "manager": manager,
        "compliance": compliance,
        "superuser": superuser,
    }


@pytest.fixture
def client_for(client):
    """client_for(user) -> a test client logged in as ``user`` (None: anonymous)."""

    def _client(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return _client


# --- browser tests (Playwright driving Debian's Chromium) --------------------------------

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1366, "height": 860}, "locale": "zh-TW"}


def two_factor_device(user):
    """The confirmed authenticator of ``user``, given one (with a known key) when the user's
    role must sign in with a second factor; None for the others."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from confidentiality.services.login import two_factor_required

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None and two_factor_required(user):
        device = TOTPDevice.objects.create(
            user=user, name="authenticator", confirmed=True, key=TEST_TOTP_KEY
        )
    return device


TEST_TOTP_KEY = "3132333435363738393031323334353637383930"  # the RFC 6238 test key


def two_factor_code(user):
    """The current code of ``user``'s authenticator (its last-used step and failures forgotten,
    so a second sign-in in the same 30 seconds, or right after a wrong code, is accepted)."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=user, confirmed=True)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def login(live_server, page):
    """login(user) signs in through the real form and returns the page."""

    def _login(user, password="Test-Password-2026"):
        page.context.clear_cookies()
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", password)
        device = two_factor_device(user)  # before the password is sent
        page.click("button[type=submit]")
        if device is not None:
            # The second factor, with the code of the user's authenticator.
            page.wait_for_url("**/two-factor/verify/**")
            page.fill("#id_token", two_factor_code(user))
            page.click("#two-factor-form button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        return page

    return _login


@pytest.fixture
def screenshot(request):
    """screenshot(page, name): save a PNG under test-artifacts/screenshots/ for people to see."""

    def _shot(page, name):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{request.node.name}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return _shot
