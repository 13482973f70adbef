"""Login lockout: 5 failures within 15 minutes lock the account (not the address) 30 minutes."""

from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .i18n import Text


def is_locked_out(times, now, limit, window, lockout):
    """Whether failure ``times`` (ascending) hold ``limit`` failures within ``window`` whose
    last one is less than ``lockout`` ago."""
    for i in range(limit - 1, len(times)):
        if times[i] - times[i - limit + 1] <= window and now - times[i] < lockout:
            return True
    return False


class WindowedLockoutHandler(AxesDatabaseHandler):
    """Axes' database handler, counting failures in a sliding window from the failure log."""

    def get_failures(self, request, credentials=None):
        username = get_client_username(request, credentials)
        if not username:
            return 0
        now = timezone.now()
        window = settings.AXES_FAILURE_WINDOW
        lockout = settings.AXES_COOLOFF_TIME
        limit = settings.AXES_FAILURE_LIMIT
        since = now - window - lockout
        if settings.AXES_RESET_ON_SUCCESS:
            # The failure log is kept for compliance, so a successful sign-in resets the
            # count by moving its start (axes' own reset only clears AccessAttempt).
            last_success = (
                AccessLog.objects.filter(username=username, attempt_time__gte=since)
                .order_by("-attempt_time")
                .values_list("attempt_time", flat=True)
                .first()
            )
            if last_success is not None:
                since = last_success
        times = list(
            AccessFailureLog.objects.filter(username=username, attempt_time__gte=since)
            .order_by("attempt_time")
            .values_list("attempt_time", flat=True)
        )
        if is_locked_out(times, now, limit, window, lockout):
            return limit
        return sum(1 for t in times if now - t <= window)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if request is not None and not getattr(request, "axes_locked_out", False):
            username = get_client_username(request, credentials)
            if username:
                AccessFailureLog.objects.create(
                    username=username,
                    ip_address=request.axes_ip_address,
                    user_agent=request.axes_user_agent[:255],
                    http_accept=request.axes_http_accept[:1025],
                    path_info=request.axes_path_info[:255],
                    attempt_time=request.axes_attempt_time,
                    locked_out=False,
                )
        super().user_login_failed(sender, credentials, request=request, **kwargs)


def lockout_response(request, response=None, credentials=None, *args, **kwargs):
    """The login page again, saying the account is locked and for how long."""
    from .forms import LoginForm

    minutes = int(settings.AXES_COOLOFF_TIME / timedelta(minutes=1))
    form = LoginForm(request)
    message = _(
        "This account is locked for %(minutes)d minutes after too many failed sign-in "
        "attempts. Try again later or ask an administrator to unlock it."
    ) % {"minutes": minutes}
    return render(
        request, "registration/login.html", {"form": form, "lockout_message": message}, status=429
    )


def record_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    """axes user_locked_out signal: an audit event on the account (once per lockout)."""
    from .models import AuditEvent
    from .services import audit_event

    user = get_user_model().objects.filter(username=username).first()
    recent = timezone.now() - settings.AXES_COOLOFF_TIME
    if AuditEvent.objects.filter(
        verb="login_locked", data__username=username, when__gte=recent
    ).exists():
        return  # still the same lockout
    audit_event(
        actor=None,
        verb="login_locked",
        target=user,
        message=Text(
            gettext_noop("Account %(username)s locked after repeated failed sign-ins"),
            {"username": username},
        ),
        data={"username": username, "ip": ip_address},
    )
