"""What the sales chapter adds to the frame: menu items, My-work items and entries on the
customer's timeline (customers never imports sales)."""

from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import cards, links, mywork, navigation, pickers, timeline
from core.models import AuditEvent
from core.permissions import get_profile

MENU = [
    (gettext_lazy("Pipeline board"), "sales:opportunity_board", "sales.view_opportunity", "kanban"),
    (gettext_lazy("Opportunities"), "sales:opportunity_list", "sales.view_opportunity", "funnel"),
    (gettext_lazy("Visits"), "sales:visit_list", "sales.view_visit", "calendar-event"),
    (
        gettext_lazy("Needs analyses"),
        "sales:needsanalysis_list",
        "sales.view_needsanalysis",
        "clipboard-data",
    ),
    (gettext_lazy("Proposals"), "sales:proposal_list", "sales.view_proposal", "file-earmark-text"),
    (gettext_lazy("Products"), "sales:product_list", "sales.view_product", "box-seam"),
    (gettext_lazy("Insurers"), "sales:insurer_list", "sales.view_insurer", "building"),
    (gettext_lazy("Targets"), "sales:salestarget_list", "sales.view_salestarget", "bullseye"),
    (gettext_lazy("Tasks"), "sales:salestask_list", "sales.view_salestask", "check2-square"),
    (gettext_lazy("Team plans"), "sales:teamplan_list", "sales.view_teamplan", "map"),
    (gettext_lazy("Team meetings"), "sales:teammeeting_list", "sales.view_teammeeting", "people"),
    (gettext_lazy("Campaigns"), "sales:campaign_list", "sales.view_campaign", "megaphone"),
    (gettext_lazy("Market notes"), "sales:marketnote_list", "sales.view_marketnote", "newspaper"),
    (
        gettext_lazy("Competitor comparisons"),
        "sales:competitorcomparison_list",
        "sales.view_competitorcomparison",
        "arrow-left-right",
    ),
]


def register_menu():
    for label, url_name, perm, icon in MENU:
        navigation.register("sales", navigation.MenuItem(label, url_name, perm, icon))


@mywork.register
def sales_work(user):
    """Proposals to review (clerk), returned proposals, visits today, stalled leads, tasks."""
    from .models import Opportunity, Proposal, SalesTask, Visit
    from .services import stalled_since

    items = []
    if user.has_perm("sales.review_proposal"):
        profile = get_profile(user)
        count = (
            Proposal.objects.visible_to(user)
            .filter(status=Proposal.Status.SUBMITTED)
            .filter(opportunity__team_id__in=sorted(profile.team_ids))
            .filter(opportunity__team__clerks=user)
            .count()
        )
        items.append(
            mywork.WorkItem(
                _("Proposals waiting for my review"),
                count,
                reverse("sales:proposal_list") + "?status=submitted&review=mine",
                "warning",
            )
        )
    if user.has_perm("sales.view_proposal"):
        count = Proposal.objects.filter(status=Proposal.Status.RETURNED, prepared_by=user).count()
        items.append(
            mywork.WorkItem(
                _("Returned proposals to rework"),
                count,
                reverse("sales:proposal_list") + "?status=returned&mine=1",
                "danger",
            )
        )
    if user.has_perm("sales.view_visit"):
        today = timezone.localdate()
        count = Visit.objects.filter(
            owner=user, status=Visit.Status.PLANNED, starts_at__date=today
        ).count()
        items.append(
            mywork.WorkItem(_("Visits today"), count, reverse("sales:visit_agenda"), "primary")
        )
    if user.has_perm("sales.view_opportunity"):
        profile = get_profile(user)
        qs = Opportunity.objects.exclude(stage__in=["won", "lost"]).filter(
            last_action_at__lt=stalled_since()
        )
        mine = qs.filter(owner=user).count()
        items.append(
            mywork.WorkItem(
                _("My stalled opportunities"),
                mine,
                reverse("sales:opportunity_list") + "?stalled=1&mine=1",
                "danger",
            )
        )
        if profile.led_team_ids:
            led = qs.filter(team_id__in=sorted(profile.led_team_ids)).count()
            items.append(
                mywork.WorkItem(
                    _("Stalled opportunities in my team"),
                    led,
                    reverse("sales:opportunity_list") + "?stalled=1",
                    "warning",
                )
            )
    if user.has_perm("sales.view_salestask"):
        soon = timezone.localdate() + timezone.timedelta(days=7)
        tasks = SalesTask.objects.filter(
            assignee=user, status=SalesTask.Status.OPEN, due_date__lte=soon
        )
        overdue = tasks.filter(due_date__lt=timezone.localdate()).count()
        items.append(
            mywork.WorkItem(
                _("Tasks due"),
                tasks.count(),
                reverse("sales:salestask_list") + "?mine=1&status=open",
                "danger" if overdue else "primary",
                overdue=bool(overdue),
            )
        )
    return items


def customer_timeline(customer, user):
    """Visits, proposal events and stage changes about ``customer`` that ``user`` may see."""
    from django.contrib.contenttypes.models import ContentType

    from .models import Opportunity, Proposal, Visit

    entries = []
    for visit in (
        Visit.objects.visible_to(user).filter(customer=customer).select_related("owner")[:200]
    ):
        entries.append(
            {
                "when": visit.starts_at,
                "who": visit.owner,
                "verb": "visit",
                "text": _("%(kind)s (%(status)s): %(outcome)s")
                % {
                    "kind": visit.get_kind_display(),
                    "status": visit.get_status_display(),
                    "outcome": visit.outcome or visit.purpose or "—",
                },
                "url": visit.get_absolute_url(),
            }
        )
    opportunity_ids = list(
        Opportunity.objects.visible_to(user).filter(customer=customer).values_list("pk", flat=True)
    )
    proposal_ids = list(
        Proposal.objects.visible_to(user)
        .filter(opportunity_id__in=opportunity_ids)
        .values_list("pk", flat=True)
    )
    types = ContentType.objects.get_for_models(Opportunity, Proposal)
    events = AuditEvent.objects.filter(
        content_type=types[Opportunity], object_id__in=[str(i) for i in opportunity_ids]
    ) | AuditEvent.objects.filter(
        content_type=types[Proposal], object_id__in=[str(i) for i in proposal_ids]
    )
    for event in events.select_related("actor")[:300]:
        model = Opportunity if event.content_type_id == types[Opportunity].pk else Proposal
        name = "opportunity" if model is Opportunity else "proposal"
        entries.append(
            {
                "when": event.when,
                "who": event.actor,
                "verb": event.verb,
                "text": event.message,
                "url": reverse(f"sales:{name}", args=[event.object_id]),
            }
        )
    return entries


timeline.register("customers.customer", customer_timeline)


# --- pickers ----------------------------------------------------------------------------------


def opportunity_label(opportunity):
    """An opportunity as a picker shows it: customer, need and stage, no internal id."""
    return (
        f"{opportunity.customer.name} · {opportunity.get_need_display()}"
        f" · {opportunity.get_stage_display()}"
    )


def _open_opportunities(user):
    from .models import Opportunity

    return (
        Opportunity.objects.visible_to(user)
        .exclude(stage__in=["won", "lost"])
        .select_related("customer")
    )


def _team_members(position=None):
    def queryset(user):
        from django.contrib.auth import get_user_model

        from org.models import Team

        User = get_user_model()
        if user is None or not user.is_authenticated:
            return User.objects.none()
        teams = Team.objects.filter(active=True)
        if not user.is_superuser:
            teams = teams.filter(supervisor=user)
        qs = User.objects.filter(
            is_active=True, employee__team__in=teams, employee__status="active"
        )
        return qs.filter(employee__position=position) if position else qs

    return queryset


def register_pickers():
    from customers.selectors import customer_search_q
    from org.providers import user_source

    from .filters import OpportunityFilterSet
    from .models import Opportunity

    list_search = pickers.text_search(*OpportunityFilterSet.search_fields)
    pickers.register(
        pickers.PickerSource(
            name="sales.open_opportunity",
            model=Opportunity,
            queryset=_open_opportunities,
            search=lambda term: list_search(term) | customer_search_q(term, "customer__"),
            label=opportunity_label,
            depends={"customer": "customer_id"},
            order_by=("-last_action_at", "-pk"),
        )
    )
    # Colleagues of the teams the user leads (targets, tasks); narrowed by the chosen team.
    depends = {"team": "employee__team_id"}
    pickers.register(user_source("sales.team_member", _team_members(), depends=depends))
    pickers.register(
        user_source("sales.team_salesperson", _team_members("salesperson"), depends=depends)
    )


# --- the customer file's cards and quick actions ----------------------------------------------


@cards.register("customers.customer")
def customer_opportunities_card(customer, user):
    """Open opportunities of the file: stage, expected premium, next step (overdue marked)."""
    from core.templatetags.core_tags import money, ymd

    from .models import Opportunity

    if not user.has_perm("sales.view_opportunity"):
        return None
    today = timezone.localdate()
    queryset = (
        Opportunity.objects.visible_to(user)
        .filter(customer=customer)
        .exclude(stage__in=[Opportunity.Stage.WON, Opportunity.Stage.LOST])
        .order_by(F("next_action_date").asc(nulls_last=True), "-pk")
    )

    def row(opp):
        overdue = bool(opp.next_action_date and opp.next_action_date < today)
        step = opp.next_action or _("no next step")
        when = f" · {ymd(opp.next_action_date)}" if opp.next_action_date else ""
        return cards.CardRow(
            label=f"{opp.get_need_display()} · {opp.get_stage_display()}",
            url=opp.get_absolute_url(),
            detail=f"{money(opp.expected_premium)} · {step}{when}",
            badge=_("overdue") if overdue else "",
            badge_style="danger",
        )

    rows, more = cards.rows_of(queryset, row)
    return cards.Card(
        _("Open opportunities"),
        rows,
        more=more,
        more_url=reverse("customers:customer_timeline", args=[customer.pk]),
        empty=_("No open opportunity."),
        icon="bi-funnel",
        order=10,
    )


@cards.register("customers.customer")
def customer_visits_card(customer, user):
    """The last visit done and the next one planned."""
    from .models import Visit

    if not user.has_perm("sales.view_visit"):
        return None
    now = timezone.now()
    visits = Visit.objects.visible_to(user).filter(customer=customer)
    last = visits.filter(status=Visit.Status.DONE, starts_at__lte=now).order_by("-starts_at")
    upcoming = visits.filter(status=Visit.Status.PLANNED, starts_at__gt=now).order_by("starts_at")
    found = [*last[:1], *upcoming[:1]]
    rows = []
    for visit in sorted(found, key=lambda v: v.starts_at):
        when = timezone.localtime(visit.starts_at).strftime("%Y-%m-%d %H:%M")
        planned = visit.status == Visit.Status.PLANNED
        rows.append(
            cards.CardRow(
                label=f"{when} · {visit.get_kind_display()}",
                url=visit.get_absolute_url(),
                detail=visit.purpose or "",
                badge=_("next") if planned else _("last"),
                badge_style="primary" if planned else "secondary",
            )
        )
    return cards.Card(
        _("Visits"), rows, empty=_("No visit yet."), icon="bi-calendar-event", order=60
    )


@links.register("customers.customer")
def customer_quick_actions(customer, user):
    """New opportunity, record a visit, new needs analysis — for those allowed."""
    query = f"?customer={customer.pk}"
    result = []
    if user.has_perm("sales.add_opportunity"):
        result.append(
            links.Link(
                _("New opportunity"), reverse("sales:opportunity_add") + query, "bi-plus-circle"
            )
        )
    if user.has_perm("sales.add_visit"):
        result.append(
            links.Link(_("Record a visit"), reverse("sales:visit_add") + query, "bi-calendar-plus")
        )
    if user.has_perm("sales.add_needsanalysis"):
        result.append(
            links.Link(
                _("New needs analysis"),
                reverse("sales:needsanalysis_add") + query,
                "bi-clipboard-check",
            )
        )
    return result


def register_evidence():
    """Appraisal evidence (``core.evidence``): see ``evidence.py``."""
    from . import evidence

    evidence.register()
