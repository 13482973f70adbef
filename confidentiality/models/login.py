"""Login controls: the hours and the network addresses from which a role may sign in."""

import ipaddress

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import BaseModel
from core.permissions import RowScope
from core.roles import Role

WEEKDAYS = (
    (1, _("Monday")),
    (2, _("Tuesday")),
    (3, _("Wednesday")),
    (4, _("Thursday")),
    (5, _("Friday")),
    (6, _("Saturday")),
    (7, _("Sunday")),
)


def parse_networks(text):
    """The address ranges of ``text`` (one per line, or separated by commas or spaces; an
    address alone is a range of one); a ValidationError names the first bad entry."""
    networks = []
    for entry in text.replace(",", " ").split():
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ValidationError(
                _("%(entry)s is not an IP address or an address range such as 10.1.0.0/16."),
                params={"entry": entry},
                code="network",
            ) from None
    return networks


class LoginRule(BaseModel):
    """When and from where the users of one role may sign in and keep working."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, unique=True)
    active = models.BooleanField(_("in force"), default=True)
    weekdays = models.CharField(
        _("days"),
        max_length=7,
        blank=True,
        default="12345",
        help_text=_("The days of the week on which the role may sign in; none: every day."),
    )
    starts_at = models.TimeField(_("from"), null=True, blank=True)
    ends_at = models.TimeField(_("until"), null=True, blank=True)
    networks = models.TextField(
        _("allowed address ranges"),
        max_length=2000,
        blank=True,
        help_text=_(
            "One IP address or range per line (for example 10.1.0.0/16 or 2001:db8::/32); "
            "empty: from anywhere."
        ),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("login rule")
        verbose_name_plural = _("login rules")
        ordering = ["role"]
        permissions = [("reset_two_factor", _("Can reset a user's two-factor sign-in"))]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(starts_at__isnull=True, ends_at__isnull=True)
                    | models.Q(starts_at__isnull=False, ends_at__isnull=False)
                ),
                name="loginrule_hours_both_or_none",
                violation_error_message=_("Give both the start and the end of the hours."),
            ),
        ]

    def __str__(self):
        return str(self.get_role_display())

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        _forget_rules()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        _forget_rules()
        return result

    def get_absolute_url(self):
        return reverse("confidentiality:loginrule", args=[self.pk])

    def clean(self):
        super().clean()
        if (self.starts_at is None) != (self.ends_at is None):
            raise ValidationError({"ends_at": _("Give both the start and the end of the hours.")})
        if self.starts_at is not None and self.starts_at == self.ends_at:
            raise ValidationError({"ends_at": _("The end must differ from the start.")})
        if any(c not in "1234567" for c in self.weekdays):
            raise ValidationError({"weekdays": _("Choose days of the week.")})
        try:
            parse_networks(self.networks)
        except ValidationError as exc:
            raise ValidationError({"networks": exc.messages}) from None

    def weekday_labels(self):
        """The days as words (every day when none is chosen)."""
        if not self.weekdays or len(set(self.weekdays)) == 7:
            return str(_("Every day"))
        return "、".join(str(label) for number, label in WEEKDAYS if str(number) in self.weekdays)

    def hours_label(self):
        if self.starts_at is None:
            return str(_("Any time"))
        return f"{self.starts_at:%H:%M}–{self.ends_at:%H:%M}"

    def network_list(self):
        return [str(n) for n in parse_networks(self.networks)]


def _forget_rules():
    from ..services.login import forget_rules

    forget_rules()
    transaction.on_commit(forget_rules)
