"""Login controls: login hours and address ranges per role, and two-factor sign-in.

*Rules.* A role may have one ``LoginRule``: the days and hours in which its users may sign
in, and the address ranges they may come from. ``login_refusal`` answers for one user at
one moment from one address; ``confidentiality.middleware.LoginControlMiddleware`` asks it
at sign-in and on every request, so a session that outlives the hours (or moves to another
network) ends. Administrators are never refused (they must be able to mend a wrong rule).
The rules are read from the shared cache; saving or deleting one forgets them.

*Two-factor sign-in* (TOTP, django-otp). A user enrols an authenticator app by scanning a
QR code (``totp_enrol_start`` / ``totp_enrol_confirm``) and receives single-use recovery
codes, shown once. After the password, a user who has a device, or whose role must use one
(``rules.TWO_FACTOR_ROLES``), is asked for a code (``two_factor_verify``); one who must but
has none is taken to enrolment first. The session then carries ``SESSION_KEY`` (the device
that verified it) until it ends. An administrator (or compliance) resets a user who lost
the phone (``two_factor_reset``), which is recorded as an audit event.
"""

import secrets

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core import params
from core.i18n import Text, choice
from core.permissions import get_profile
from core.services import audit_event, client_ip, save_checked

from .. import rules
from ..models import LoginRule
from ..models.login import parse_networks

# The session key of a session whose second factor was checked (the device's persistent id).
SESSION_KEY = "_two_factor_device"
RULES_CACHE_KEY = "confidentiality:login-rules"
RULES_CACHE_SECONDS = 3600
TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery"
RESET_PERMISSION = "confidentiality.reset_two_factor"

OUTSIDE_HOURS = "hours"
OUTSIDE_NETWORK = "address"


def _real(user):
    """The user object itself (``request.user`` is a lazy proxy, not a model instance)."""
    user.pk  # noqa: B018  (evaluates the proxy)
    return getattr(user, "_wrapped", user)


# --- login rules ------------------------------------------------------------------------------


def forget_rules():
    cache.delete(RULES_CACHE_KEY)


def rules_by_role():
    """``{role: (weekdays, starts_at, ends_at, networks)}`` of the rules in force (cached)."""
    found = cache.get(RULES_CACHE_KEY)
    if found is None:
        found = {
            rule.role: (rule.weekdays, rule.starts_at, rule.ends_at, parse_networks(rule.networks))
            for rule in LoginRule.objects.filter(active=True)
        }
        cache.set(RULES_CACHE_KEY, found, RULES_CACHE_SECONDS)
    return found


def _within_hours(moment, weekdays, starts_at, ends_at):
    local = timezone.localtime(moment)
    if weekdays and str(local.isoweekday()) not in weekdays:
        return False
    if starts_at is None:
        return True
    now = local.time()
    if starts_at < ends_at:
        return starts_at <= now < ends_at
    return now >= starts_at or now < ends_at  # hours across midnight (a night shift)


def _from_network(ip, networks):
    if not networks:
        return True
    if not ip:
        return False
    import ipaddress

    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return False
    return any(address.version == n.version and address in n for n in networks)


def login_refusal(user, *, ip, moment=None):
    """Why ``user`` may not work now from ``ip`` (``OUTSIDE_HOURS`` or ``OUTSIDE_NETWORK``),
    or None. Costs no query once the rules are cached, when no rule is in force."""
    found = rules_by_role()
    if not found or not user.is_authenticated or user.is_superuser:
        return None
    rule = found.get(get_profile(user).role)
    if rule is None:
        return None
    weekdays, starts_at, ends_at, networks = rule
    if not _from_network(ip, networks):
        return OUTSIDE_NETWORK
    if not _within_hours(moment or timezone.now(), weekdays, starts_at, ends_at):
        return OUTSIDE_HOURS
    return None


def refusal_message(reason):
    if reason == OUTSIDE_NETWORK:
        return _(
            "Your role may not use the system from this network address. Sign in from the "
            "office network, or ask compliance about the allowed address ranges."
        )
    return _(
        "Your role may not use the system at this time. Sign in again within your working "
        "hours, or ask compliance about the login hours."
    )


def login_refused(*, user, request, reason):
    """Record a refused sign-in or request in the security log (an audit event on the user)."""
    ip = client_ip(request)
    user = _real(user)
    audit_event(
        actor=user,
        verb="login_refused",
        target=user,
        message=Text(
            gettext_noop("%(user)s refused: %(reason)s (address %(ip)s)"),
            {
                "user": user.get_username(),
                "reason": Text(
                    gettext_noop("outside the allowed address ranges")
                    if reason == OUTSIDE_NETWORK
                    else gettext_noop("outside the login hours")
                ),
                "ip": ip or "-",
            },
        ),
        data={"reason": reason, "ip": ip, "path": request.path[:300]},
    )


@transaction.atomic
def login_rule_save(*, actor, rule):
    """Create or change a role's login rule (validated; history and an audit event)."""
    if not actor.has_perm(
        "confidentiality.change_loginrule" if rule.pk else "confidentiality.add_loginrule"
    ):
        raise PermissionDenied(_("You may not change the login rules."))
    save_checked(rule, actor)
    audit_event(
        actor=actor,
        verb="login_rule_changed",
        target=rule,
        message=Text(
            gettext_noop("Login rule of %(role)s: %(days)s, %(hours)s, %(ranges)s"),
            {
                "role": choice(LoginRule, "role", rule.role),
                "days": rule.weekdays or "1234567",
                "hours": rule.hours_label() if rule.starts_at else "-",
                "ranges": ", ".join(rule.network_list()) or "-",
            },
        ),
    )
    return rule


# --- two-factor sign-in -----------------------------------------------------------------------


def two_factor_required(user):
    """Whether ``user`` must sign in with a second factor (by role, or as an administrator)."""
    if user.is_superuser:
        return bool(params.get(rules.TWO_FACTOR_ADMINS))
    return get_profile(user).role in set(params.get(rules.TWO_FACTOR_ROLES) or [])


def has_device(user):
    """Whether ``user`` has set up two-factor sign-in (a confirmed authenticator)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


NOT_NEEDED = "-"  # SESSION_KEY of a session that needed no second factor when it began


def session_verified(session):
    return bool(session.get(SESSION_KEY))


def totp_enrol_start(*, user):
    """The authenticator (not confirmed yet) whose QR code ``user`` scans; a user who has one
    confirmed already cannot start again (an administrator resets first)."""
    if has_device(user):
        raise ValidationError(_("Two-factor sign-in is already set up for this account."))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def _new_recovery_codes(user):
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    count = int(params.get(rules.RECOVERY_CODE_COUNT))
    codes = set()
    while len(codes) < count:
        codes.add(f"{secrets.randbelow(10**8):08d}")
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in sorted(codes))
    return [f"{c[:4]}-{c[4:]}" for c in sorted(codes)]


def normalise(token):
    return "".join(c for c in str(token) if c.isdigit())


@transaction.atomic
def totp_enrol_confirm(*, actor, device, token):
    """Confirm ``device`` with a code from the app; returns the new recovery codes (to be
    shown once)."""
    actor = _real(actor)
    if device.user_id != actor.pk or device.confirmed:
        raise PermissionDenied
    if not device.verify_token(normalise(token)):
        raise ValidationError(
            {"token": _("This code is not right. Enter the six digits the app shows now.")}
        )
    device.confirmed = True
    device.save()
    codes = _new_recovery_codes(actor)
    audit_event(
        actor=actor,
        verb="two_factor_enrolled",
        target=actor,
        message=Text(
            gettext_noop("%(user)s set up two-factor sign-in"), {"user": actor.get_username()}
        ),
    )
    return device, codes


@transaction.atomic
def recovery_codes_renew(*, actor):
    """New recovery codes for ``actor`` (the old ones stop working); returns them."""
    if not has_device(actor):
        raise ValidationError(_("Set up two-factor sign-in first."))
    actor = _real(actor)
    codes = _new_recovery_codes(actor)
    audit_event(
        actor=actor,
        verb="two_factor_codes_renewed",
        target=actor,
        message=Text(
            gettext_noop("%(user)s renewed the recovery codes"), {"user": actor.get_username()}
        ),
    )
    return codes


def two_factor_verify(*, user, token, request=None):
    """The device that accepts ``token`` (an authenticator code, or a recovery code, which is
    used up); a ValidationError (and a security-log row) otherwise."""
    user = _real(user)
    digits = normalise(token)
    device = None
    with transaction.atomic():
        if len(digits) == 6:
            for candidate in TOTPDevice.objects.filter(user=user, confirmed=True):
                allowed, _info = candidate.verify_is_allowed()
                if allowed and candidate.verify_token(digits):
                    device = candidate
                    break
        elif len(digits) == 8:
            for candidate in StaticDevice.objects.filter(user=user, confirmed=True):
                if candidate.verify_token(digits):
                    device = candidate
                    break
    if device is None:
        audit_event(
            actor=user,
            verb="two_factor_failed",
            target=user,
            message=Text(
                gettext_noop("%(user)s entered a wrong two-factor code (address %(ip)s)"),
                {"user": user.get_username(), "ip": client_ip(request) or "-"},
            ),
            data={"ip": client_ip(request)},
        )
        raise ValidationError(
            {
                "token": _(
                    "This code is not right. Enter the six digits the app shows now, or a "
                    "recovery code."
                )
            }
        )
    if isinstance(device, StaticDevice):
        left = device.token_set.count()
        audit_event(
            actor=user,
            verb="two_factor_recovery_used",
            target=user,
            message=Text(
                gettext_noop("%(user)s signed in with a recovery code (%(left)s left)"),
                {"user": user.get_username(), "left": left},
            ),
            data={"left": left},
        )
    return device


def mark_verified(request, device):
    """The session passed the second factor (kept until it ends)."""
    request.session[SESSION_KEY] = device.persistent_id


@transaction.atomic
def two_factor_reset(*, actor, user, reason):
    """Remove ``user``'s authenticator and recovery codes (a lost phone): the next sign-in
    sets it up again. Only administrators and compliance; recorded."""
    if not actor.has_perm(RESET_PERMISSION):
        raise PermissionDenied(_("You may not reset two-factor sign-in."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the two-factor sign-in is reset.")})
    removed = TOTPDevice.objects.filter(user=user).count()
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_event(
        actor=actor,
        verb="two_factor_reset",
        target=user,
        message=Text(
            gettext_noop("Two-factor sign-in of %(user)s reset: %(reason)s"),
            {"user": user.get_username(), "reason": reason.strip()[:200]},
        ),
        data={"devices": removed},
    )
    return removed


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def with_two_factor(queryset, user_field="user"):
    """``queryset`` annotated ``two_factor`` (a confirmed authenticator exists)."""
    return queryset.annotate(
        two_factor=Exists(TOTPDevice.objects.filter(user=OuterRef(user_field), confirmed=True))
    )
