"""Signing in and out: lockout by username, session expiry, deactivated users, passwords."""

import time
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.middleware import LAST_SEEN, LOGIN_AT
from core.models import AuditEvent
from core.security import is_locked_out

pytestmark = pytest.mark.django_db

PASSWORD = "Test-Password-2026"  # tests/factories.py
LOGIN = "/accounts/login/"


def sign_in(client, username, password=PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password})


@pytest.fixture
def axes(settings):
    """Lockout switched on (the suite switches it off) and the English messages."""
    settings.AXES_ENABLED = True
    return settings


@pytest.fixture
def en(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


# --- plain sign-in and sign-out ------------------------------------------------------------


def test_sign_in_and_out(client, salesperson):
    response = sign_in(client, "salesperson")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200
    session = client.session
    assert session[LOGIN_AT] == pytest.approx(time.time(), abs=60)
    assert session[LAST_SEEN] == pytest.approx(time.time(), abs=60)

    assert client.get("/accounts/logout/").status_code == 405  # POST only
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert client.get("/").status_code == 302


def test_wrong_password_is_refused_with_a_message(client, en, salesperson):
    response = sign_in(client, "salesperson", "wrong")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert "_auth_user_id" not in client.session


def test_signed_in_user_is_sent_home_from_the_login_page(client, salesperson):
    client.force_login(salesperson)
    response = client.get(LOGIN)
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_password_change(client, salesperson):
    client.force_login(salesperson)
    response = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "Another-Long-Pass-77",
            "new_password2": "Another-Long-Pass-77",
        },
    )
    assert response.status_code == 302
    salesperson.refresh_from_db()
    assert salesperson.check_password("Another-Long-Pass-77")


# --- lockout by username ----------------------------------------------------------------------


def test_five_failures_lock_the_account_not_the_address(client, en, axes, salesperson, clerk):
    for _i in range(4):
        assert sign_in(client, "salesperson", "wrong").status_code == 200
    locked = sign_in(client, "salesperson", "wrong")
    assert locked.status_code == 429
    assert 'id="lockout-message"' in locked.content.decode()
    assert "locked for 30 minutes" in locked.content.decode()

    # even the right password is refused now
    response = sign_in(client, "salesperson")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session

    # a colleague at the same address (the test client's 127.0.0.1) still signs in
    response = sign_in(client, "clerk")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(clerk.pk)

    # one audit event for the lockout, however many attempts follow
    events = AuditEvent.objects.filter(verb="login_locked")
    assert events.count() == 1
    assert events.get().target == salesperson
    assert events.get().data["username"] == "salesperson"


def test_lockout_of_an_unknown_username_still_writes_one_event(client, axes):
    for _i in range(6):
        sign_in(client, "ghost", "wrong")
    event = AuditEvent.objects.get(verb="login_locked")
    assert event.target is None
    assert event.data["username"] == "ghost"


def failures(username, *minutes_ago):
    """Failure-log rows for ``username`` at the given minutes before now."""
    now = timezone.now()
    for minutes in minutes_ago:
        row = AccessFailureLog.objects.create(
            username=username,
            ip_address="10.0.0.1",
            user_agent="test",
            http_accept="*/*",
            path_info=LOGIN,
            locked_out=False,
        )
        # attempt_time is auto_now_add: set it afterwards
        AccessFailureLog.objects.filter(pk=row.pk).update(
            attempt_time=now - timedelta(minutes=minutes)
        )


def test_failures_spread_over_more_than_15_minutes_do_not_lock(client, axes, salesperson):
    failures("salesperson", 40, 30, 20, 10, 1)  # five within 40 minutes, at most three in 15
    assert sign_in(client, "salesperson").status_code == 302


def test_five_failures_within_15_minutes_lock(client, axes, salesperson):
    failures("salesperson", 14, 10, 6, 3, 1)
    assert sign_in(client, "salesperson").status_code == 429


def test_lock_lasts_30_minutes_from_the_fifth_failure(client, axes, salesperson, clerk):
    failures("salesperson", 44, 40, 36, 33, 29)  # fifth failure 29 minutes ago: still locked
    assert sign_in(client, "salesperson").status_code == 429
    failures("clerk", 45, 41, 38, 35, 31)  # fifth failure 31 minutes ago: lifted
    assert sign_in(client, "clerk").status_code == 302


def test_success_resets_the_count(client, axes, salesperson):
    """AXES_RESET_ON_SUCCESS: failures before a successful sign-in no longer count."""
    for _i in range(4):
        sign_in(client, "salesperson", "wrong")
    assert sign_in(client, "salesperson").status_code == 302
    client.post("/accounts/logout/")
    assert sign_in(client, "salesperson", "wrong").status_code == 200
    assert sign_in(client, "salesperson").status_code == 302
    # the failures stay in the log for compliance
    assert AccessFailureLog.objects.filter(username="salesperson").count() == 5
    assert not AccessAttempt.objects.filter(username="salesperson").exists()


def test_is_locked_out_sliding_window():
    now = timezone.now()
    window, lockout = timedelta(minutes=15), timedelta(minutes=30)

    def at(*minutes_ago):
        return sorted(now - timedelta(minutes=m) for m in minutes_ago)

    assert is_locked_out(at(5, 4, 3, 2, 1), now, 5, window, lockout)
    assert not is_locked_out(at(4, 3, 2, 1), now, 5, window, lockout)
    assert not is_locked_out(at(20, 16, 10, 5, 1), now, 5, window, lockout)
    # exactly 15 minutes between the first and fifth failure still counts
    assert is_locked_out(at(15, 10, 5, 2, 0), now, 5, window, lockout)
    # an old burst of five, then quiet: locked for 30 minutes after its last failure only
    assert is_locked_out(at(44, 40, 36, 33, 29), now, 5, window, lockout)
    assert not is_locked_out(at(46, 42, 38, 35, 31), now, 5, window, lockout)
    # a burst inside a longer series
    assert is_locked_out(at(60, 25, 20, 15, 12, 11, 2), now, 5, window, lockout)
    assert not is_locked_out([], now, 5, window, lockout)


# --- sessions -----------------------------------------------------------------------------


def age_session(client, **seconds_ago):
    session = client.session
    now = time.time()
    for key, ago in seconds_ago.items():
        session[{"login": LOGIN_AT, "seen": LAST_SEEN}[key]] = now - ago
    session.save()


def test_idle_session_ends_after_30_minutes(client, salesperson):
    client.force_login(salesperson)
    age_session(client, seen=29 * 60)
    assert client.get("/").status_code == 200

    age_session(client, seen=31 * 60)
    response = client.get("/org/employees/?team=1")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/org/employees/%3Fteam%3D1"
    assert "_auth_user_id" not in client.session


def test_activity_keeps_the_session_alive(client, salesperson):
    client.force_login(salesperson)
    age_session(client, seen=20 * 60)
    assert client.get("/").status_code == 200
    assert client.session[LAST_SEEN] == pytest.approx(time.time(), abs=60)


def test_session_ends_12_hours_after_sign_in_however_active(client, salesperson):
    client.force_login(salesperson)
    age_session(client, login=11 * 3600 + 3500, seen=10)
    assert client.get("/").status_code == 200
    age_session(client, login=12 * 3600 + 1, seen=10)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session


def test_expired_htmx_request_is_redirected_by_htmx(client, salesperson):
    client.force_login(salesperson)
    age_session(client, seen=31 * 60)
    response = client.get("/core/notifications/menu/", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"] == LOGIN


def test_deactivated_user_is_logged_out_on_the_next_request(client, salesperson):
    client.force_login(salesperson)
    assert client.get("/").status_code == 200
    salesperson.is_active = False
    salesperson.save()
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session


def test_session_cookie_lifetime_settings():
    assert settings.SESSION_IDLE_TIMEOUT == 30 * 60
    assert settings.SESSION_COOKIE_AGE == 12 * 3600
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"


# --- passwords ----------------------------------------------------------------------------


def test_eleven_characters_are_too_short():
    with pytest.raises(ValidationError) as exc:
        validate_password("Xk9#mQ2$vL7")
    assert "password_too_short" in [e.code for e in exc.value.error_list]


def test_common_password_is_refused():
    with pytest.raises(ValidationError) as exc:
        validate_password("qwerty123456")
    assert "password_too_common" in [e.code for e in exc.value.error_list]


def test_all_digits_and_too_similar_are_refused(salesperson):
    with pytest.raises(ValidationError):
        validate_password("839201746512")
    with pytest.raises(ValidationError):
        validate_password("salesperson-2026", salesperson)


def test_a_good_password_passes():
    validate_password("Tide-Marble-Orbit-42")
