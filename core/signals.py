"""Signal wiring of the frame: login clocks and lockout audit events."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .middleware import mark_login
from .security import record_lockout

user_logged_in.connect(mark_login, dispatch_uid="core.mark_login")


@receiver(user_locked_out, dispatch_uid="core.record_lockout")
def _on_locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    record_lockout(sender, request=request, username=username, ip_address=ip_address)
