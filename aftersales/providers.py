"""What the after-sales chapter adds to the frame: menu items, My-work items, and entries on
the customer's and the policy's timelines (neither customers nor underwriting imports
after-sales)."""

from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import cards, jobs, links, mywork, navigation, pickers, timeline
from core.models import AuditEvent
from core.permissions import get_profile

MENU = [
    (
        gettext_lazy("Follow-ups"),
        "aftersales:followup_list",
        "aftersales.view_followup",
        "telephone",
    ),
    (gettext_lazy("Claims"), "aftersales:claim_list", "aftersales.view_claim", "bandaid"),
    (
        gettext_lazy("Complaints"),
        "aftersales:complaint_list",
        "aftersales.view_complaint",
        "exclamation-octagon",
    ),
    (
        gettext_lazy("Service requests"),
        "aftersales:servicerequest_list",
        "aftersales.view_servicerequest",
        "pencil-square",
    ),
    (
        gettext_lazy("Renewals"),
        "aftersales:renewal_list",
        "aftersales.view_renewal",
        "arrow-repeat",
    ),
    (
        gettext_lazy("Policy files"),
        "aftersales:policyfile_list",
        "aftersales.change_followup",
        "folder-check",
    ),
    (
        gettext_lazy("Claim checklist"),
        "aftersales:claimrequireddocument_list",
        "aftersales.view_claimrequireddocument",
        "list-check",
    ),
]


def register_menu():
    jobs.describe("send_renewal_reminders", gettext_lazy("Renewal and premium reminders"))
    jobs.describe("chase_follow_ups", gettext_lazy("Chase follow-up calls"))
    jobs.describe("escalate_overdue", gettext_lazy("Escalate overdue follow-ups and complaints"))
    jobs.describe("check_policy_files", gettext_lazy("Check policy files"))
    for label, url_name, perm, icon in MENU:
        navigation.register("aftersales", navigation.MenuItem(label, url_name, perm, icon))


def _is_clerk(user):
    """A clerk at work: one who supports a team (their follow-ups are assigned to them)."""
    return bool(get_profile(user).supported_team_ids)


def _follow_up_work(user, base):
    """Follow-ups due today and overdue (a clerk's: those assigned to them)."""
    from . import selectors

    items = []
    if user.has_perm("aftersales.change_followup"):
        mine = {"assigned_to": user} if _is_clerk(user) and not user.is_superuser else {}
        items.append(
            mywork.WorkItem(
                _("Follow-ups due today"),
                selectors.follow_ups_due(user=user).filter(**mine).count(),
                base + "?work=due",
                "primary",
            )
        )
        items.append(
            mywork.WorkItem(
                _("Follow-ups overdue"),
                selectors.overdue_follow_ups(user=user).filter(**mine).count(),
                base + "?work=overdue",
                "danger",
                overdue=True,
            )
        )
    return items


def _claim_work(user):
    """Claims waiting on me, disputes to handle, claims past their deadline."""
    from . import selectors
    from .models import Claim

    items = []
    claims_url = reverse("aftersales:claim_list")
    if user.has_perm("aftersales.process_claim"):
        waiting = selectors.open_claims(user=user).filter(
            status__in=[
                Claim.Status.REPORTED,
                Claim.Status.COLLECTING,
                Claim.Status.INFO_REQUESTED,
                Claim.Status.APPROVED,
                Claim.Status.PARTLY_APPROVED,
                Claim.Status.DECLINED,
                Claim.Status.PAID,
            ]
        )
        items.append(
            mywork.WorkItem(
                _("Claims waiting on me"), waiting.count(), claims_url + "?work=mine", "warning"
            )
        )
    if user.has_perm("aftersales.resolve_dispute"):
        items.append(
            mywork.WorkItem(
                _("Claim disputes to handle"),
                selectors.open_claims(user=user).filter(status=Claim.Status.DISPUTED).count(),
                claims_url + "?status=disputed",
                "danger",
            )
        )
    if user.has_perm("aftersales.process_claim") or user.has_perm("aftersales.resolve_dispute"):
        items.append(
            mywork.WorkItem(
                _("Claims past their deadline"),
                selectors.overdue_claims(user=user).count(),
                claims_url + "?work=overdue",
                "danger",
                overdue=True,
            )
        )
    return items


def _complaint_work(user):
    """Open complaints and complaints past their deadline."""
    from . import selectors

    items = []
    if user.has_perm("aftersales.handle_complaint") or get_profile(user).company_wide:
        complaints_url = reverse("aftersales:complaint_list")
        if user.has_perm("aftersales.handle_complaint"):
            items.append(
                mywork.WorkItem(
                    _("Open complaints"),
                    selectors.open_complaints(user=user).count(),
                    complaints_url + "?work=open",
                    "warning",
                )
            )
        items.append(
            mywork.WorkItem(
                _("Complaints past their deadline"),
                selectors.overdue_complaints(user=user).count(),
                complaints_url + "?work=overdue",
                "danger",
                overdue=True,
            )
        )
    return items


def _renewal_work(user):
    """Renewals due and renewals past due (a salesperson's: their customers')."""
    from . import selectors

    items = []
    if user.has_perm("aftersales.record_renewal"):
        renewals = selectors.renewals_due(user=user)
        overdue = selectors.overdue_renewals(user=user)
        if not _is_clerk(user):
            renewals = renewals.filter(customer__owner=user)
            overdue = overdue.filter(customer__owner=user)
        renewals_url = reverse("aftersales:renewal_list")
        items.append(
            mywork.WorkItem(
                _("Renewals due in 30 days"),
                renewals.count(),
                renewals_url + "?work=due",
                "primary",
            )
        )
        items.append(
            mywork.WorkItem(
                _("Renewals past due without an outcome"),
                overdue.count(),
                renewals_url + "?work=overdue",
                "danger",
                overdue=True,
            )
        )
    return items


def _service_request_work(user):
    """Service requests to submit."""
    from . import selectors

    items = []
    if user.has_perm("aftersales.process_servicerequest"):
        items.append(
            mywork.WorkItem(
                _("Service requests to submit"),
                selectors.requests_to_submit(user=user).count(),
                reverse("aftersales:servicerequest_list") + "?status=draft",
                "primary",
            )
        )
    return items


@mywork.register
def aftersales_work(user):
    """Follow-ups due today and overdue, claims waiting on me, complaints past deadline,
    renewals due, service requests to submit."""
    if not user.has_perm("aftersales.view_followup"):
        return []
    try:
        base = reverse("aftersales:followup_list")
    except NoReverseMatch:
        return []
    return [
        *_follow_up_work(user, base),
        *_claim_work(user),
        *_complaint_work(user),
        *_renewal_work(user),
        *_service_request_work(user),
    ]


# --- timelines --------------------------------------------------------------------------------


def _models():
    from .models import Claim, Complaint, FollowUp, Renewal, ServiceRequest

    return (FollowUp, Claim, Complaint, ServiceRequest, Renewal)


def _events(user, **filters):
    """The audit events of the after-sales records (matching ``filters``) ``user`` may see."""
    models = _models()
    types = ContentType.objects.get_for_models(*models)
    query = None
    for model in models:
        ids = [
            str(pk)
            for pk in model.objects.visible_to(user).filter(**filters).values_list("pk", flat=True)
        ]
        if not ids:
            continue
        part = AuditEvent.objects.filter(content_type=types[model], object_id__in=ids)
        query = part if query is None else query | part
    if query is None:
        return []
    names = {types[m].pk: m._meta.model_name for m in models}
    entries = []
    for event in query.select_related("actor")[:300]:
        entries.append(
            {
                "when": event.when,
                "who": event.actor,
                "verb": event.verb,
                "text": event.get_message_display(),
                "url": reverse(
                    f"aftersales:{names[event.content_type_id]}", args=[event.object_id]
                ),
            }
        )
    return entries


def customer_timeline(customer, user):
    """Follow-ups, claims, complaints, service requests and renewals of the customer."""
    try:
        reverse("aftersales:followup_list")
    except NoReverseMatch:
        return []
    return _events(user, customer=customer)


def policy_timeline(policy, user):
    """The same, for one policy."""
    try:
        reverse("aftersales:followup_list")
    except NoReverseMatch:
        return []
    return _events(user, policy=policy)


timeline.register("customers.customer", customer_timeline)
timeline.register("underwriting.policy", policy_timeline)


# --- buttons on the policy's and the customer's pages -----------------------------------


@links.register("underwriting.policy")
def policy_links(policy, user):
    """Start an after-sales record from the policy it is about."""
    query = f"?policy={policy.pk}"
    result = []
    if user.has_perm("aftersales.add_claim"):
        result.append(
            links.Link(_("Report a claim"), reverse("aftersales:claim_add") + query, "bi-bandaid")
        )
    if user.has_perm("aftersales.add_servicerequest"):
        result.append(
            links.Link(
                _("Service request"),
                reverse("aftersales:servicerequest_add") + query,
                "bi-pencil-square",
            )
        )
    if user.has_perm("aftersales.add_complaint"):
        result.append(
            links.Link(
                _("Log a complaint"),
                reverse("aftersales:complaint_add") + f"{query}&customer={policy.customer_id}",
                "bi-exclamation-octagon",
            )
        )
    return result


@links.register("customers.customer")
def customer_links(customer, user):
    if not user.has_perm("aftersales.add_complaint"):
        return []
    return [
        links.Link(
            _("Log a complaint"),
            reverse("aftersales:complaint_add") + f"?customer={customer.pk}",
            "bi-exclamation-octagon",
        )
    ]


# --- pickers ----------------------------------------------------------------------------------


def claim_label(claim):
    """A claim as a picker shows it: its reference (the number the pages show), customer,
    policy number, type and incident date."""
    return (
        f"{claim.reference} · {claim.customer.name} · {claim.policy.policy_number}"
        f" · {claim.get_claim_type_display()} · {claim.incident_date:%Y-%m-%d}"
    )


def register_pickers():
    from customers.selectors import customer_search_q

    from .filters import ClaimFilterSet
    from .models import Claim

    list_search = pickers.text_search(*ClaimFilterSet.search_fields)
    reference_search = pickers.reference_search("CL")
    pickers.register(
        pickers.PickerSource(
            name="aftersales.claim",
            model=Claim,
            queryset=lambda user: Claim.objects.visible_to(user).select_related(
                "customer", "policy"
            ),
            # The claim's reference (CL000123) is searched by parsing it back to the key.
            search=lambda term: (
                list_search(term) | customer_search_q(term, "customer__") | reference_search(term)
            ),
            label=claim_label,
            depends={"customer": "customer_id", "policy": "policy_id"},
            order_by=("-reported_on", "-pk"),
        )
    )


# --- the customer file's cards -------------------------------------------------------------


def _customer_card(customer, user, *, perm, queryset, row, title, empty, icon, order):
    if not user.has_perm(perm):
        return None
    rows, more = cards.rows_of(queryset, row)
    return cards.Card(
        title,
        rows,
        more=more,
        more_url=reverse("customers:customer_timeline", args=[customer.pk]),
        empty=empty,
        icon=icon,
        order=order,
    )


def _overdue(record):
    days = record.days_overdue()
    return (_("%(days)d days overdue") % {"days": days}) if days else ""


@cards.register("customers.customer")
def customer_follow_ups_card(customer, user):
    """Open follow-up calls of the file, the most urgent first."""
    from core.templatetags.core_tags import ymd

    from .models import FollowUp

    queryset = (
        FollowUp.objects.visible_to(user)
        .filter(
            customer=customer, status__in=[FollowUp.Status.SCHEDULED, FollowUp.Status.ESCALATED]
        )
        .select_related("policy")
        .order_by("due_date", "pk")
    )
    return _customer_card(
        customer,
        user,
        perm="aftersales.view_followup",
        queryset=queryset,
        row=lambda f: cards.CardRow(
            label=f"{f.reference} · {f.get_kind_display()}",
            url=f.get_absolute_url(),
            detail=f"{f.get_status_display()} · {_('due')} {ymd(f.due_date)}",
            badge=_overdue(f),
            badge_style="danger",
        ),
        title=_("Open follow-ups"),
        empty=_("No open follow-up."),
        icon="bi-telephone",
        order=30,
    )


@cards.register("customers.customer")
def customer_claims_card(customer, user):
    """Claims of the file not yet closed."""
    from core.templatetags.core_tags import money

    from .models import Claim

    queryset = (
        Claim.objects.visible_to(user)
        .filter(customer=customer)
        .exclude(status=Claim.Status.CLOSED)
        .order_by("-pk")
    )
    return _customer_card(
        customer,
        user,
        perm="aftersales.view_claim",
        queryset=queryset,
        row=lambda c: cards.CardRow(
            label=f"{c.reference} · {c.get_claim_type_display()}",
            url=c.get_absolute_url(),
            detail=f"{c.get_status_display()} · {money(c.amount_claimed)}",
            badge=_overdue(c),
            badge_style="danger",
        ),
        title=_("Open claims"),
        empty=_("No open claim."),
        icon="bi-bandaid",
        order=40,
    )


@cards.register("customers.customer")
def customer_complaints_card(customer, user):
    """Complaints of the file not yet resolved."""
    from .models import Complaint

    queryset = (
        Complaint.objects.visible_to(user)
        .filter(customer=customer)
        .exclude(status__in=[Complaint.Status.RESOLVED, Complaint.Status.CLOSED])
        .order_by("-received_on", "-pk")
    )
    return _customer_card(
        customer,
        user,
        perm="aftersales.view_complaint",
        queryset=queryset,
        row=lambda c: cards.CardRow(
            label=f"{c.reference} · {c.subject}",
            url=c.get_absolute_url(),
            detail=f"{c.get_severity_display()} · {c.get_status_display()}",
            badge=_overdue(c),
            badge_style="danger",
        ),
        title=_("Open complaints"),
        empty=_("No open complaint."),
        icon="bi-exclamation-octagon",
        order=50,
    )


# --- bulk actions on the follow-up and renewal lists (core.bulk) ------------------------------


def _assign_follow_up(*, actor, obj, assigned_to, reason=""):
    from . import services

    services.follow_up_assign(actor=actor, follow_up=obj, assigned_to=assigned_to, reason=reason)


def _cancel_follow_up(*, actor, obj, reason):
    from . import services

    services.follow_up_cancel(actor=actor, follow_up=obj, reason=reason)


def register_bulk_actions():
    from core import bulk

    from . import forms, services

    bulk.register(
        "aftersales:followup_list",
        bulk.BulkAction(
            code="assign_clerk",
            label=gettext_lazy("Assign to a clerk"),
            confirm=gettext_lazy("%(count)s follow-ups will be given to another clerk."),
            perform=_assign_follow_up,
            permission="aftersales.change_followup",
            form_class=forms.BulkFollowUpAssignForm,
        ),
    )
    bulk.register(
        "aftersales:followup_list",
        bulk.BulkAction(
            code="cancel",
            label=gettext_lazy("Cancel"),
            confirm=gettext_lazy("%(count)s follow-ups will be cancelled."),
            perform=_cancel_follow_up,
            permission="aftersales.change_followup",
            form_class=forms.CancelFollowUpForm,
        ),
    )
    bulk.register(
        "aftersales:followup_list",
        bulk.export_action(gettext_lazy("%(count)s follow-ups will be exported to Excel.")),
    )
    bulk.register_all(
        "aftersales:renewal_list",
        [
            bulk.BulkAction(
                code="record_outcome",
                label=gettext_lazy("Record the outcome"),
                confirm=gettext_lazy("The outcome will be recorded on %(count)s renewals."),
                perform=bulk.calling(services.renewal_record_outcome, "renewal"),
                permission="aftersales.record_renewal",
                form_class=forms.BulkRenewalOutcomeForm,
            ),
            bulk.BulkAction(
                code="assign_clerk",
                label=gettext_lazy("Assign to a clerk"),
                confirm=gettext_lazy(
                    "The customer files of %(count)s renewals will be looked after by the "
                    "chosen clerk, who gets their reminders."
                ),
                perform=bulk.calling(services.renewal_assign_clerk, "renewal"),
                permission="customers.change_customer",
                form_class=forms.BulkRenewalClerkForm,
            ),
            bulk.export_action(gettext_lazy("%(count)s renewals will be exported to Excel.")),
        ],
    )


def register_evidence():
    """Appraisal evidence (``core.evidence``): see ``evidence.py``."""
    from . import evidence

    evidence.register()
