"""Stage transitions, visits, needs analyses: allowed and refused, with who and when."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import AuditEvent
from sales import services
from sales.models import NeedsAnalysis, Opportunity, Visit
from tests.sales.factories import make_analysis, make_customer, make_opportunity

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def customer(salesperson, clerk):
    return make_customer(salesperson, name="張偉")


def test_transitions_are_declared_in_one_place():
    assert set(services.TRANSITIONS) == set(Opportunity.Stage.values)
    assert services.next_stage("new") == "contacted"
    assert services.next_stage("application") == "won"
    assert services.next_stage("won") is None
    assert services.next_stage("lost") is None


def test_allowed_transition_records_who_and_when(customer, salesperson):
    opp = make_opportunity(customer)
    services.opportunity_transition(opportunity=opp, to="contacted", actor=salesperson)
    opp.refresh_from_db()
    assert opp.stage == "contacted"
    event = AuditEvent.objects.get(verb="stage_changed", object_id=str(opp.pk))
    assert event.actor == salesperson
    assert event.data["from"] == "new" and event.data["to"] == "contacted"
    assert opp.history.first().history_user == salesperson
    assert opp.history.first().stage == "contacted"


def test_stage_changes_and_proposals_show_on_the_customer_timeline(
    customer, salesperson, clerk, other_salesperson
):
    from core import timeline
    from tests.sales.factories import make_proposal

    opp = make_opportunity(customer)
    services.opportunity_transition(opportunity=opp, to="contacted", actor=salesperson)
    make_proposal(make_opportunity(customer, need="life"), salesperson)
    verbs = {e["verb"] for e in timeline.entries_for(customer, clerk)}
    assert {"stage_changed", "proposal_created"} <= verbs
    assert timeline.entries_for(customer, other_salesperson) == []


def test_skipping_stages_is_refused_with_a_clear_error(customer, salesperson):
    opp = make_opportunity(customer)
    with pytest.raises(ValidationError) as exc:
        services.opportunity_transition(opportunity=opp, to="won", actor=salesperson)
    assert "cannot move from “New” to “Won”" in str(exc.value)
    opp.refresh_from_db()
    assert opp.stage == "new"


def test_needs_analysed_requires_an_analysis(customer, salesperson):
    opp = make_opportunity(customer, stage="meeting")
    with pytest.raises(ValidationError, match="needs analysis"):
        services.opportunity_transition(opportunity=opp, to="needs_analysed", actor=salesperson)
    make_analysis(customer, salesperson)
    services.opportunity_transition(opportunity=opp, to="needs_analysed", actor=salesperson)
    assert Opportunity.objects.get(pk=opp.pk).stage == "needs_analysed"


def test_application_requires_an_accepted_proposal(customer, salesperson):
    opp = make_opportunity(customer, stage="proposal")
    with pytest.raises(ValidationError, match="accepted"):
        services.opportunity_transition(opportunity=opp, to="application", actor=salesperson)


def test_lost_needs_a_reason(customer, salesperson):
    opp = make_opportunity(customer, stage="contacted")
    with pytest.raises(ValidationError, match="reason"):
        services.opportunity_transition(opportunity=opp, to="lost", actor=salesperson)
    services.opportunity_transition(
        opportunity=opp, to="lost", actor=salesperson, reason="bought elsewhere"
    )
    opp.refresh_from_db()
    assert (opp.stage, opp.lost_reason, opp.closed_on is not None) == (
        "lost",
        "bought elsewhere",
        True,
    )
    with pytest.raises(ValidationError):
        services.opportunity_transition(opportunity=opp, to="new", actor=salesperson)


def test_another_teams_salesperson_may_not_move_it(customer, other_salesperson):
    opp = make_opportunity(customer)
    with pytest.raises(PermissionDenied):
        services.opportunity_transition(opportunity=opp, to="contacted", actor=other_salesperson)


def test_supervisor_and_clerk_of_the_team_may_move_it(customer, supervisor, clerk):
    opp = make_opportunity(customer)
    services.opportunity_transition(opportunity=opp, to="contacted", actor=clerk)
    services.opportunity_transition(opportunity=opp, to="meeting", actor=supervisor)
    assert Opportunity.objects.get(pk=opp.pk).stage == "meeting"


def test_manager_reads_but_may_not_move(customer, manager):
    opp = make_opportunity(customer)
    assert Opportunity.objects.visible_to(manager).filter(pk=opp.pk).exists()
    with pytest.raises(PermissionDenied):
        services.opportunity_transition(opportunity=opp, to="contacted", actor=manager)


def test_transition_view_reports_refusal(customer, salesperson, client_for):
    from django.urls import reverse

    opp = make_opportunity(customer)
    client = client_for(salesperson)
    url = reverse("sales:opportunity_transition", args=[opp.pk])
    response = client.post(url, {"to": "won"}, follow=True)
    assert "cannot move from" in response.content.decode()
    response = client.post(url, {"to": "contacted"})
    assert response.status_code == 302
    assert Opportunity.objects.get(pk=opp.pk).stage == "contacted"


def test_board_moves_a_card_with_htmx(customer, salesperson, client_for):
    from django.urls import reverse

    opp = make_opportunity(customer)
    client = client_for(salesperson)
    response = client.post(
        reverse("sales:opportunity_transition", args=[opp.pk]),
        {"to": "contacted", "from": "board"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert 'id="pipeline-board"' in response.content.decode()
    assert Opportunity.objects.get(pk=opp.pk).stage == "contacted"


def test_stalled_filter_and_my_work(customer, salesperson, supervisor, client_for):
    from django.urls import reverse
    from django.utils import timezone

    from core import mywork

    fresh = make_opportunity(customer, need="life")
    idle = make_opportunity(customer, need="medical")
    idle.last_action_at = timezone.now() - timezone.timedelta(days=30)
    idle.save()
    response = client_for(salesperson).get(reverse("sales:opportunity_list") + "?stalled=1")
    rows = list(response.context["table"].data)
    assert [o.pk for o in rows] == [idle.pk]
    assert fresh.pk not in [o.pk for o in rows]
    mine = {i.label: i.count for i in mywork.items_for(salesperson)}
    assert mine["My stalled opportunities"] == 1
    team = {i.label: i.count for i in mywork.items_for(supervisor)}
    assert team["Stalled opportunities in my team"] == 1


def test_visit_touches_its_opportunity_and_appears_on_the_timeline(customer, salesperson, clerk):
    from django.utils import timezone

    from core import timeline

    opp = make_opportunity(customer)
    before = opp.last_action_at
    visit = services.visit_save(
        actor=salesperson,
        visit=Visit(
            customer=customer,
            opportunity=opp,
            kind="phone",
            starts_at=timezone.now(),
            outcome="interested in CI cover",
        ),
    )
    assert visit.owner == salesperson
    assert visit.history.first().history_user == salesperson
    opp.refresh_from_db()
    assert opp.last_action_at > before
    entries = timeline.entries_for(customer, clerk)
    assert any("interested in CI cover" in e["text"] for e in entries)


def test_visit_for_another_customers_opportunity_is_refused(customer, salesperson):
    from django.utils import timezone

    other = make_customer(salesperson)
    opp = make_opportunity(other)
    with pytest.raises(ValidationError):
        services.visit_save(
            actor=salesperson,
            visit=Visit(customer=customer, opportunity=opp, kind="phone", starts_at=timezone.now()),
        )


def test_needs_analysis_versions_and_stored_working(customer, salesperson):
    first = make_analysis(customer, salesperson)
    assert first.version == 1
    # 10 × 80,000 + 300,000 − 100,000 − 0 = 1,000,000; CI 5 × 200,000 = 1,000,000;
    # budget 10% × 200,000 = 20,000 (default parameters).
    assert first.life_gap == 1000000
    assert first.ci_gap == 1000000
    assert first.premium_budget == 20000
    assert first.history.first().history_user == salesperson
    second = make_analysis(customer, salesperson, existing_ci_cover=400000)
    assert second.version == 2
    assert second.ci_gap == 600000
    assert NeedsAnalysis.objects.filter(customer=customer).count() == 2


def test_needs_analysis_uses_the_company_parameters(customer, salesperson, superuser):
    from decimal import Decimal

    from core import params

    params.set_value("sales.ci_income_multiple", "3", actor=superuser)
    params.set_value("sales.premium_budget_share", "0.15", actor=superuser)
    analysis = make_analysis(customer, salesperson)
    assert analysis.ci_multiple == Decimal("3")
    assert analysis.ci_gap == Decimal("600000.00")
    assert analysis.premium_budget == Decimal("30000.00")


def test_needs_analysis_page_shows_the_working(customer, salesperson, client_for):
    analysis = make_analysis(customer, salesperson)
    html = client_for(salesperson).get(analysis.get_absolute_url()).content.decode()
    assert "¥1,000,000.00" in html
    assert "10 × ¥80,000.00" in html
