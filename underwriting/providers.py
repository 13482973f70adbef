"""What the underwriting chapter adds to the frame: menu items, My-work items and entries on
the customer's timeline (customers never imports underwriting)."""

import re

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import cards, mywork, navigation, pickers, search, timeline
from core.models import AuditEvent

MENU = [
    (
        gettext_lazy("Applications"),
        "underwriting:application_list",
        "underwriting.view_application",
        "file-earmark-check",
    ),
    (
        gettext_lazy("Policies"),
        "underwriting:policy_list",
        "underwriting.view_policy",
        "shield-check",
    ),
    (
        gettext_lazy("Document checklist"),
        "underwriting:requireddocument_list",
        "underwriting.view_requireddocument",
        "list-check",
    ),
]


_APPLICATION_REFERENCE = re.compile(r"AP0*(\d{1,12})", re.IGNORECASE)


@search.register
def numbered_record(term, user):
    """The top bar's jump: a policy number, an application's reference (AP000123) or the
    insurer's reference of an application, as typed or in capitals, among the user's rows.
    Two policies of the same number (at two insurers) go to the policy list searched."""
    from urllib.parse import urlencode

    from .models import Application, Policy

    forms = list(dict.fromkeys([term, term.upper()]))
    if user.has_perm("underwriting.view_policy"):
        found = list(
            Policy.objects.visible_to(user)
            .filter(policy_number__in=forms)
            .values_list("pk", flat=True)[:2]
        )
        if len(found) == 1:
            return reverse("underwriting:policy", args=[found[0]])
        if found:
            return reverse("underwriting:policy_list") + "?" + urlencode({"q": term})
    if user.has_perm("underwriting.view_application"):
        match = Q(insurer_reference__in=forms)
        reference = _APPLICATION_REFERENCE.fullmatch(term)
        if reference:
            match |= Q(pk=int(reference.group(1)))
        found = list(
            Application.objects.visible_to(user).filter(match).values_list("pk", flat=True)[:2]
        )
        if len(found) == 1:
            return reverse("underwriting:application", args=[found[0]])
        if found:
            return reverse("underwriting:application_list") + "?" + urlencode({"q": term})
    return None


def register_menu():
    for label, url_name, perm, icon in MENU:
        navigation.register("underwriting", navigation.MenuItem(label, url_name, perm, icon))


def _url(name, query=""):
    return reverse(name) + query


@mywork.register
def underwriting_work(user):
    """Documents to check and applications to submit (clerk), rejected documents
    (salesperson), information the insurers asked for, overdue underwriting (clerk and
    supervisor), contracts to deliver (clerk)."""
    from .models import Application
    from .selectors import (
        applications_ready_to_submit,
        contracts_to_deliver,
        documents_to_check,
        overdue_applications,
        rejected_documents_for,
    )

    if not user.has_perm("underwriting.view_application"):
        return []
    try:
        apps_url = reverse("underwriting:application_list")
        policies_url = reverse("underwriting:policy_list")
    except NoReverseMatch:  # the pages are not mounted (config/urls.py)
        return []
    items = []
    if user.has_perm("underwriting.check_document"):
        items.append(
            mywork.WorkItem(
                _("Application documents to check"),
                documents_to_check(user=user).count(),
                apps_url + "?work=to_check",
                "warning",
            )
        )
    if user.has_perm("underwriting.process_application"):
        items.append(
            mywork.WorkItem(
                _("Applications ready to submit"),
                applications_ready_to_submit(user=user).count(),
                apps_url + "?work=ready",
                "primary",
            )
        )
    if user.has_perm("underwriting.add_applicationdocument") and not user.has_perm(
        "underwriting.check_document"
    ):
        items.append(
            mywork.WorkItem(
                _("Application documents rejected — replace them"),
                rejected_documents_for(user=user).count(),
                apps_url + "?work=rejected&mine=1",
                "danger",
            )
        )
    action = "change" if user.has_perm("underwriting.process_application") else "view"
    info = Application.objects.visible_to(user, action).filter(
        status=Application.Status.INFO_REQUESTED
    )
    if action == "view":
        info = info.filter(customer__owner=user)
    items.append(
        mywork.WorkItem(
            _("Information requested by insurers"),
            info.count(),
            apps_url + "?status=info_requested",
            "warning",
        )
    )
    if user.has_perm("underwriting.process_application") or user.has_perm(
        "underwriting.add_requireddocument"
    ):
        from core.permissions import get_profile

        profile = get_profile(user)
        if user.has_perm("underwriting.process_application") or profile.led_team_ids:
            items.append(
                mywork.WorkItem(
                    _("Underwriting overdue"),
                    overdue_applications(user=user).count(),
                    apps_url + "?work=overdue",
                    "danger",
                    overdue=True,
                )
            )
    if user.has_perm("underwriting.deliver_policy"):
        items.append(
            mywork.WorkItem(
                _("Contracts to deliver"),
                contracts_to_deliver(user=user).count(),
                policies_url + "?delivered=no&status=in_force",
                "primary",
            )
        )
    return items


def _events(user, customer):
    from .models import Application, Policy

    app_ids = [
        str(pk)
        for pk in Application.objects.visible_to(user)
        .filter(customer=customer)
        .values_list("pk", flat=True)
    ]
    policy_ids = [
        str(pk)
        for pk in Policy.objects.visible_to(user)
        .filter(customer=customer)
        .values_list("pk", flat=True)
    ]
    if not app_ids and not policy_ids:
        return []
    types = ContentType.objects.get_for_models(Application, Policy)
    events = AuditEvent.objects.filter(
        content_type=types[Application], object_id__in=app_ids
    ) | AuditEvent.objects.filter(content_type=types[Policy], object_id__in=policy_ids)
    entries = []
    for event in events.select_related("actor")[:300]:
        name = "application" if event.content_type_id == types[Application].pk else "policy"
        entries.append(
            {
                "when": event.when,
                "who": event.actor,
                "verb": event.verb,
                "text": event.message,
                "url": reverse(f"underwriting:{name}", args=[event.object_id]),
            }
        )
    return entries


def customer_timeline(customer, user):
    """Applications, underwriting decisions, issued policies and delivered contracts of the
    customer that ``user`` may see."""
    try:
        reverse("underwriting:application_list")
    except NoReverseMatch:
        return []
    return _events(user, customer)


timeline.register("customers.customer", customer_timeline)


# --- pickers ----------------------------------------------------------------------------------


def policy_label(policy):
    """A policy as a picker shows it: its number, the customer and the product."""
    return f"{policy.policy_number} · {policy.customer.name} · {policy.product.name}"


def application_label(application):
    """An application as a picker shows it: its reference (the number the pages show),
    customer, insurer, status and date."""
    return (
        f"{application.reference} · {application.customer.name} · {application.insurer.name}"
        f" · {application.get_status_display()} · {application.created:%Y-%m-%d}"
    )


def proposal_label(proposal):
    """An accepted proposal as a picker shows it: customer, version and title."""
    return f"{proposal} · {proposal.title}" if proposal.title else str(proposal)


def register_pickers():
    from customers.selectors import customer_search_q
    from sales.filters import ProposalFilterSet
    from sales.models import Proposal

    from .filters import ApplicationFilterSet, PolicyFilterSet
    from .models import Application, Policy

    def search(fields, prefix="customer__"):
        list_search = pickers.text_search(*fields)
        return lambda term: list_search(term) | customer_search_q(term, prefix)

    pickers.register(
        pickers.PickerSource(
            name="underwriting.policy",
            model=Policy,
            queryset=lambda user: Policy.objects.visible_to(user).select_related(
                "customer", "product"
            ),
            search=search(PolicyFilterSet.search_fields),
            label=policy_label,
            depends={"customer": "customer_id"},
            order_by=("-issued_on", "-pk"),
        )
    )
    # The application's reference (AP000123) is searched by parsing it back to the key.
    application_search = search(ApplicationFilterSet.search_fields)
    pickers.register(
        pickers.PickerSource(
            name="underwriting.application",
            model=Application,
            queryset=lambda user: Application.objects.visible_to(user).select_related(
                "customer", "insurer"
            ),
            search=lambda term: application_search(term) | pickers.reference_search("AP")(term),
            label=application_label,
            depends={"customer": "customer_id"},
            order_by=("-created", "-pk"),
        )
    )
    # Accepted proposals that still lack their applications (the application form's choice).
    pickers.register(
        pickers.PickerSource(
            name="underwriting.proposal_to_apply",
            model=Proposal,
            queryset=lambda user: (
                Proposal.objects.visible_to(user)
                .filter(status=Proposal.Status.ACCEPTED)
                .exclude(applications__isnull=False)
                .select_related("opportunity__customer")
            ),
            search=search(ProposalFilterSet.search_fields, "opportunity__customer__"),
            label=proposal_label,
            depends={"customer": "opportunity__customer_id"},
            order_by=("-pk",),
        )
    )


# --- the customer file's cards -------------------------------------------------------------


@cards.register("customers.customer")
def customer_policies_card(customer, user):
    """Policies in force of the file, with the next premium due (overdue marked)."""
    from core.templatetags.core_tags import money, ymd

    from .models import Policy

    if not user.has_perm("underwriting.view_policy"):
        return None
    today = timezone.localdate()
    queryset = (
        Policy.objects.visible_to(user)
        .filter(customer=customer, status=Policy.Status.IN_FORCE)
        .select_related("product")
        .order_by(F("next_premium_due").asc(nulls_last=True), "-pk")
    )

    def row(policy):
        due = policy.next_premium_due
        detail = f"{money(policy.annual_premium)}"
        if due:
            detail += " · " + _("next premium due %(date)s") % {"date": ymd(due)}
        return cards.CardRow(
            label=f"{policy.policy_number} · {policy.product.name}",
            url=policy.get_absolute_url(),
            detail=detail,
            badge=_("premium overdue") if due and due < today else "",
            badge_style="danger",
        )

    rows, more = cards.rows_of(queryset, row)
    return cards.Card(
        _("Policies in force"),
        rows,
        more=more,
        more_url=reverse("customers:customer_timeline", args=[customer.pk]),
        empty=_("No policy in force."),
        icon="bi-shield-check",
        order=20,
    )


def register_evidence():
    """Appraisal evidence (``core.evidence``): see ``evidence.py``."""
    from . import evidence

    evidence.register()
