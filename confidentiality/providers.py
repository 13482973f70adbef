"""What confidentiality adds to core's registries: the menu, My work, the gates of customer
access and of storing sensitive information, the employee picker, a link and a card on the
customer file, the agreement beside the employee's record."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import cards, classification, gates, jobs, links, mywork, navigation, params, pickers
from core.models import Parameter
from core.permissions import CUSTOMER_ACCESS, access_changed, watch_access
from core.querycache import on_change

from . import rules

MENU = [
    (
        gettext_lazy("My agreement"),
        "confidentiality:my_agreement",
        "confidentiality.view_agreement",
        "file-earmark-lock",
    ),
    (
        gettext_lazy("Confidentiality agreements"),
        "confidentiality:agreement_list",
        "confidentiality.add_agreement",
        "file-earmark-lock",
    ),
    (
        gettext_lazy("Without a signed agreement"),
        "confidentiality:agreement_unsigned",
        "confidentiality.change_agreement",
        "person-exclamation",
    ),
    (
        gettext_lazy("Agreement texts"),
        "confidentiality:agreementversion_list",
        "confidentiality.add_agreementversion",
        "journal-text",
    ),
    (
        gettext_lazy("Breaches"),
        "confidentiality:breach_list",
        "confidentiality.view_breach",
        "exclamation-octagon",
    ),
    (
        gettext_lazy("Exit audits"),
        "confidentiality:exitaudit_list",
        "confidentiality.view_exitaudit",
        "person-dash",
    ),
    (
        gettext_lazy("Retention schedule"),
        "confidentiality:retentionrule_list",
        "confidentiality.change_retentionrule",
        "hourglass-split",
    ),
    (
        gettext_lazy("Destruction"),
        "confidentiality:destructionbatch_list",
        "confidentiality.view_destructionbatch",
        "trash3",
    ),
    (
        gettext_lazy("Customer data requests"),
        "confidentiality:customerdatarequest_list",
        "confidentiality.view_customerdatarequest",
        "person-vcard",
    ),
]


def agreement_work(user):
    """My work: my agreement to sign; HR's employees without a signed agreement and the
    agreements ending soon; compliance's open breaches and data requests."""
    from . import selectors

    items = []
    # the permission set first: it brings the employee record along (core.permissions)
    if user.has_perm("confidentiality.view_agreement") and getattr(user, "employee", None):
        mine = selectors.my_agreements(user).filter(signed_on__isnull=True).count()
        items.append(
            mywork.WorkItem(
                _("My confidentiality agreement to sign"),
                mine,
                reverse("confidentiality:my_agreement"),
                level="warning",
            )
        )
    if user.has_perm("confidentiality.change_agreement"):
        items.append(
            mywork.WorkItem(
                _("Employees without a signed confidentiality agreement"),
                selectors.employees_without_agreement().count(),
                reverse("confidentiality:agreement_unsigned"),
                level="warning",
            )
        )
        days = int(params.get(rules.EXPIRY_REMINDER_DAYS))
        items.append(
            mywork.WorkItem(
                _("Confidentiality agreements ending soon"),
                selectors.expiring_agreements(days=days).count(),
                reverse("confidentiality:agreement_list") + "?state=in_force",
            )
        )
    if user.has_perm("confidentiality.change_breach"):
        items.append(
            mywork.WorkItem(
                _("Breaches being handled"),
                selectors.breach_list(user=user).filter(status="open").count(),
                reverse("confidentiality:breach_list") + "?status=open",
                level="danger",
            )
        )
    if user.has_perm("confidentiality.change_customerdatarequest"):
        items.append(
            mywork.WorkItem(
                _("Customer data requests to handle"),
                selectors.open_data_requests(user=user).count(),
                reverse("confidentiality:customerdatarequest_list") + "?status=open",
            )
        )
    return items


def exit_and_destruction_work(user):
    """My work: exit audits in progress (HR, compliance); destruction batches waiting for
    someone else's approval, and approved ones to destroy (compliance)."""
    from .models import DestructionBatch, ExitAudit

    items = []
    if user.has_perm("confidentiality.view_exitaudit"):
        items.append(
            mywork.WorkItem(
                _("Exit audits in progress"),
                ExitAudit.objects.visible_to(user).filter(status="open").count(),
                reverse("confidentiality:exitaudit_list") + "?status=open",
            )
        )
    if user.has_perm("confidentiality.change_destructionbatch"):
        items.append(
            mywork.WorkItem(
                _("Destructions waiting for your approval"),
                DestructionBatch.objects.filter(status="proposed")
                .exclude(proposed_by=user)
                .count(),
                reverse("confidentiality:destructionbatch_list") + "?status=proposed",
                level="warning",
            )
        )
    return items


def customer_access_check(user, **context):
    from .services import unsigned_agreement_refusals

    return unsigned_agreement_refusals(user)


def sensitive_storage_check(user, customer=None, kind=None, **context):
    from .services import sensitive_storage_refusals

    return sensitive_storage_refusals(user, customer=customer, kind=kind)


def customer_privacy_link(customer, user):
    if not user.has_perm("confidentiality.view_sensitiveconsent"):
        return []
    return [
        links.Link(
            _("Consents and data requests"),
            reverse("confidentiality:customer_privacy", args=[customer.pk]),
            "bi-shield-check",
        )
    ]


def customer_consent_card(customer, user):
    """The customer file's card of consents to keeping sensitive information."""
    from . import selectors

    if not user.has_perm("confidentiality.view_sensitiveconsent"):
        return None
    url = reverse("confidentiality:customer_privacy", args=[customer.pk])
    return cards.Card(
        title=_("Sensitive information consents"),
        rows=[
            cards.CardRow(
                label=c.get_kind_display(),
                url=url,
                detail=f"{c.given_on:%Y-%m-%d} · {c.purpose}",
                badge=_("withdrawn") if c.withdrawn_on else "",
                badge_style="secondary",
            )
            for c in selectors.consents_of(customer)
        ],
        more_url=url,
        empty=_("No consent recorded: health notes and bank accounts cannot be stored."),
        icon="bi-shield-check",
        order=90,
    )


def _staff(user):
    from org.models import Employee

    if user is None or not user.is_authenticated:
        return Employee.objects.none()
    if not (
        user.has_perm("confidentiality.add_agreement")
        or user.has_perm("confidentiality.add_breach")
    ):
        return Employee.objects.none()
    return Employee.objects.visible_to(user).exclude(status="left").select_related("team")


def _rule_changed(sender, instance=None, **kwargs):
    # Turning the agreement rule on or off changes who may open customer data at once.
    if instance is not None and instance.key == rules.AGREEMENT_REQUIRED:
        access_changed(sender, **kwargs)


def register():
    from org.models import Employee

    register_review()
    from .models import Agreement

    for label, url_name, perm, icon in MENU:
        navigation.register("confidentiality", navigation.MenuItem(label, url_name, perm, icon))
    # login controls (confidentiality.services.login)
    navigation.register(
        "confidentiality",
        navigation.MenuItem(
            gettext_lazy("Login rules"),
            "confidentiality:loginrule_list",
            "confidentiality.view_loginrule",
            "clock-history",
        ),
    )
    navigation.register(
        "confidentiality",
        navigation.MenuItem(
            gettext_lazy("Two-factor sign-in"),
            "confidentiality:two_factor_users",
            "confidentiality.reset_two_factor",
            "phone",
            match="/confidentiality/two-factor/users/",
        ),
    )
    mywork.register(agreement_work)
    mywork.register(exit_and_destruction_work)
    jobs.describe(
        "list_destruction_candidates", gettext_lazy("Records past retention listed for destruction")
    )
    jobs.describe("close_leavers_accounts", gettext_lazy("Leavers' accounts closed"))
    jobs.describe("send_agreement_reminders", gettext_lazy("Confidentiality agreement reminders"))
    gates.register(CUSTOMER_ACCESS, customer_access_check)
    gates.register("customers.store_sensitive", sensitive_storage_check)
    from . import evidence

    evidence.register()
    links.register("customers.customer", customer_privacy_link)
    cards.register("customers.customer", customer_consent_card)
    # A signed, changed or deleted agreement decides customer access: every process forgets
    # the remembered permission sets (core.permissions).
    watch_access(Agreement)
    on_change(Parameter, _rule_changed, "confidentiality.agreement_rule")
    pickers.register(
        pickers.PickerSource(
            name="confidentiality.employee",
            model=Employee,
            queryset=_staff,
            search=lambda term: Q(name__icontains=term) | Q(employee_no__icontains=term),
            label=lambda e: (
                f"{e.name} · {e.employee_no}" + (f" · {e.team.name}" if e.team_id else "")
            ),
            order_by=("employee_no",),
        )
    )


# --- access review and classification ---------------------------------------------------

REVIEW_MENU = [
    (
        gettext_lazy("Access alerts"),
        "confidentiality:accessalert_list",
        "confidentiality.view_accessalert",
        "bell",
    ),
    (
        gettext_lazy("Record classifications"),
        "confidentiality:recordclass_list",
        "confidentiality.view_recordclass",
        "shield-lock",
    ),
]


def alert_work(user):
    """My work: compliance's access alerts to review."""
    from .models import AccessAlert

    if not user.has_perm("confidentiality.change_accessalert"):
        return []
    return [
        mywork.WorkItem(
            _("Access alerts to review"),
            AccessAlert.objects.filter(status=AccessAlert.Status.OPEN).count(),
            reverse("confidentiality:accessalert_list") + "?status=open",
            level="danger",
        )
    ]


def customer_access_link(customer, user):
    """ "Who saw this customer" on the customer file, for whoever reads the access log."""
    if not user.has_perm("core.view_accesslog"):
        return []
    return [
        links.Link(
            _("Who saw this file"),
            reverse("confidentiality:customer_access", args=[customer.pk]),
            "bi-eye",
        )
    ]


def _record_class(obj):
    from .services import record_class_of

    return record_class_of(obj)


def _classify_url(obj, user):
    if not user.has_perm("confidentiality.add_recordclass"):
        return None
    return reverse("confidentiality:record_classify", args=[obj._meta.label_lower, obj.pk])


def register_review():
    from . import classes

    classes.register()
    classification.set_record_lookup(_record_class)
    classification.set_classify_url(_classify_url)
    for label, url_name, perm, icon in REVIEW_MENU:
        navigation.register("confidentiality", navigation.MenuItem(label, url_name, perm, icon))
    mywork.register(alert_work)
    links.register("customers.customer", customer_access_link)
    jobs.describe("review_access_logs", gettext_lazy("Access review: unusual patterns"))
    jobs.describe("prune_logs", gettext_lazy("Pruning of the access and export logs"))
