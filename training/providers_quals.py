"""What qualifications and careers add to core's registries: the menu, My work, pickers
and the expired-licence gate of proposals."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import gates, mywork, navigation, params
from core.permissions import get_profile

from . import file_sections, rules, selectors

MENU = [
    (gettext_lazy("Certificates"), "training:certificate_list", "training.view_certificate"),
    (
        gettext_lazy("Certificate expiries"),
        "training:certificate_expiry",
        "training.view_expiry_report",
    ),
    (
        gettext_lazy("Qualification rewards"),
        "training:qualificationreward_list",
        "training.view_qualificationreward",
    ),
    (
        gettext_lazy("Rewards waiting for payroll"),
        "training:reward_payroll",
        "training.approve_qualificationreward",
    ),
    (
        gettext_lazy("Qualifications"),
        "training:qualificationkind_list",
        "training.add_qualificationkind",
    ),
    (
        gettext_lazy("Development plans"),
        "training:developmentplan_list",
        "training.view_developmentplan",
    ),
    (
        gettext_lazy("Promotion readiness"),
        "training:promotion_readiness",
        "training.change_developmentplan",
    ),
    (gettext_lazy("Job rotations"), "training:jobrotation_list", "training.view_jobrotation"),
]


def certificate_work(user):
    """My work: my certificates expiring soon; the supervisor's team's expired licences;
    HR's certificates to verify and rewards to approve."""
    if not user.has_perm("training.view_certificate"):
        return []
    items = []
    days = max((int(d) for d in params.get(rules.EXPIRY_REMINDER_DAYS)), default=60)
    mine = selectors.my_expiring_certificates(user=user, days=days).count()
    items.append(
        mywork.WorkItem(
            _("My certificates to renew"),
            mine,
            reverse("training:certificate_list") + "?mine=1",
            level="warning",
        )
    )
    profile = get_profile(user)
    if profile.led_team_ids and user.has_perm("training.view_expiry_report"):
        expired = (
            selectors.expired_licences(user=user)
            .filter(employee__team_id__in=profile.led_team_ids)
            .count()
        )
        items.append(
            mywork.WorkItem(
                _("Expired licences in my team"),
                expired,
                reverse("training:expired_licence_list"),
                level="danger",
            )
        )
    if user.has_perm("training.verify_certificate"):
        items.append(
            mywork.WorkItem(
                _("Certificates to verify"),
                selectors.certificates_to_verify(user=user).count(),
                reverse("training:certificate_list") + "?status=pending",
            )
        )
    if user.has_perm("training.approve_qualificationreward"):
        items.append(
            mywork.WorkItem(
                _("Qualification rewards to approve"),
                selectors.rewards_to_approve(user=user).count(),
                reverse("training:qualificationreward_list") + "?status=pending",
            )
        )
    if user.has_perm("training.evaluate_jobrotation") and profile.led_team_ids:
        items.append(
            mywork.WorkItem(
                _("Job rotations to evaluate"),
                selectors.rotations_to_evaluate(user=user).count(),
                reverse("training:jobrotation_list"),
            )
        )
    return items


def _expired_licence_gate(user):
    from .services import expired_licence_refusals

    return expired_licence_refusals(user)


def register():

    for label, url_name, perm in MENU:
        navigation.register("training", navigation.MenuItem(label, url_name, perm, "award"))
    mywork.register(certificate_work)
    file_sections.register(certificate_file_section)
    gates.register("sales.proposal_submit", _expired_licence_gate)


def certificate_file_section(employee, user):
    """The training file's section of qualification certificates: kind (★ a licence to
    sell), number, dates, expiry, status and the reward, as ``user`` may see them."""
    from core.templatetags.core_tags import money, ymd

    if not user.has_perm("training.view_certificate"):
        return None
    today = timezone.localdate()
    rows = []
    for cert in (
        selectors.certificate_list(user=user)
        .filter(employee=employee)
        .order_by("-issued_on", "-pk")
    ):
        expiry = ymd(cert.expires_on) if cert.expires_on else "—"
        if cert.expires_on and cert.expires_on < today:
            expiry += " · " + _("expired")
        reward = getattr(cert, "reward", None)
        reward_text = ""
        if reward is not None:
            reward_text = f"{money(reward.amount)} · {reward.get_status_display()}"
            if reward.paid_month:
                reward_text += f" · {reward.paid_month:%Y-%m}"
        rows.append(
            [
                cert.kind.name + (" ★" if cert.kind.licence_required else ""),
                cert.number,
                ymd(cert.issued_on),
                expiry,
                cert.get_status_display(),
                reward_text,
            ]
        )
    return {
        "key": "certificates",
        "title": _("Qualification certificates"),
        "columns": [
            _("Qualification"),
            _("certificate number"),
            _("issued on"),
            _("expires on"),
            _("status"),
            _("reward"),
        ],
        "rows": rows,
        "empty": _("No certificate on record."),
        "order": 20,
    }
