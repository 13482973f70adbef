"""The pipeline board's moves (drag and drop and the "move to" menu) go through the transition
service: allowed moves are recorded, refused ones answer the service's reason and change
nothing. The opportunity page's stage bar offers the next steps with why a step is closed."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from core.models import AuditEvent
from sales import services
from sales.models import Opportunity
from tests.sales.factories import make_analysis, make_customer, make_opportunity

pytestmark = pytest.mark.django_db


@pytest.fixture
def customer(salesperson, clerk):
    return make_customer(salesperson, name="張偉")


def _move(client, opportunity, to, **data):
    return client.post(
        reverse("sales:opportunity_move", args=[opportunity.pk]),
        {"to": to, **data},
        HTTP_ACCEPT="application/json",
    )


def test_an_allowed_move_goes_through_the_service(customer, salesperson, client_for, english):
    opp = make_opportunity(customer)
    response = _move(client_for(salesperson), opp, "contacted")
    assert response.status_code == 200
    answer = response.json()
    assert answer["ok"] is True
    assert (answer["stage"], answer["label"]) == ("contacted", "Contacted")
    assert answer["message"] == "張偉 moved to “Contacted”."
    # The card comes back for its new column, with the moves open from there.
    assert f'data-id="{opp.pk}"' in answer["card"]
    assert 'data-stage="contacted"' in answer["card"]
    assert 'data-targets="meeting lost "' in answer["card"]
    opp.refresh_from_db()
    assert opp.stage == "contacted"
    assert opp.history.latest().history_user == salesperson
    event = AuditEvent.objects.get(verb="stage_changed", object_id=str(opp.pk))
    assert event.actor == salesperson
    assert event.data["from"] == "new"
    assert event.data["to"] == "contacted"


def test_a_missing_step_is_refused_with_the_services_reason(customer, salesperson, client_for):
    opp = make_opportunity(customer, stage="meeting")
    client = client_for(salesperson)
    with translation.override("zh-hant"):
        response = _move(client, opp, "needs_analysed")
        reason = str(services.transition_errors(opp, "needs_analysed")[0])
    assert response.status_code == 400
    assert response.json() == {"ok": False, "errors": [reason]}
    assert reason == "請先為客戶記錄需求分析。"  # in the user's language (zh-Hant by default)
    opp.refresh_from_db()
    assert opp.stage == "meeting"
    assert not AuditEvent.objects.filter(verb="stage_changed").exists()
    # Once the step is done, the same move is accepted.
    make_analysis(customer, salesperson)
    assert _move(client, opp, "needs_analysed").json()["ok"] is True
    assert Opportunity.objects.get(pk=opp.pk).stage == "needs_analysed"


def test_a_move_not_on_the_pipeline_is_refused(customer, salesperson, client_for, english):
    opp = make_opportunity(customer)
    client = client_for(salesperson)
    response = _move(client, opp, "won")
    assert response.status_code == 400
    assert response.json()["errors"] == ["An opportunity cannot move from “New” to “Won”."]
    response = _move(client, opp, "nonsense")
    assert response.status_code == 400
    assert response.json()["errors"] == ["Unknown stage “nonsense”."]
    response = _move(
        client, make_opportunity(customer, stage="proposal", need="life"), "application"
    )
    assert response.json()["errors"] == ["The customer has not accepted an approved proposal yet."]
    assert Opportunity.objects.get(pk=opp.pk).stage == "new"


def test_lost_needs_the_reason(customer, salesperson, client_for, english):
    opp = make_opportunity(customer)
    client = client_for(salesperson)
    response = _move(client, opp, "lost")
    assert response.status_code == 400
    assert response.json()["errors"] == ["Give the reason the opportunity was lost."]
    response = _move(client, opp, "lost", reason="已在他處投保")
    assert response.json()["ok"] is True
    opp.refresh_from_db()
    assert (opp.stage, opp.lost_reason) == ("lost", "已在他處投保")
    assert 'draggable="true"' not in response.json()["card"]  # a closed card stays put


def test_who_may_move_a_card(
    customer, salesperson, other_salesperson, manager, client_for, english
):
    opp = make_opportunity(customer)
    # Another team's salesperson does not see the card at all.
    assert _move(client_for(other_salesperson), opp, "contacted").status_code == 404
    # The manager sees it but may not change it: the service's refusal, as JSON.
    response = _move(client_for(manager), opp, "contacted")
    assert response.status_code == 403
    assert response.json() == {"ok": False, "errors": ["You may not change this record."]}
    assert Opportunity.objects.get(pk=opp.pk).stage == "new"
    # Only a POST moves a card.
    assert (
        client_for(salesperson).get(reverse("sales:opportunity_move", args=[opp.pk])).status_code
        == 405
    )


def test_a_move_needs_the_csrf_token(customer, salesperson):
    opp = make_opportunity(customer)
    client = Client(enforce_csrf_checks=True)
    client.force_login(salesperson)
    response = _move(client, opp, "contacted")
    assert response.status_code == 403
    assert Opportunity.objects.get(pk=opp.pk).stage == "new"
    client.get(reverse("sales:opportunity_board"))
    token = client.cookies["csrftoken"].value
    response = client.post(
        reverse("sales:opportunity_move", args=[opp.pk]),
        {"to": "contacted"},
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.json()["ok"] is True


def test_the_menu_fallback_still_moves_without_script(customer, salesperson, client_for):
    opp = make_opportunity(customer)
    response = client_for(salesperson).post(
        reverse("sales:opportunity_transition", args=[opp.pk]), {"to": "contacted", "from": "board"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("sales:opportunity_board")
    assert Opportunity.objects.get(pk=opp.pk).stage == "contacted"


def _cards(html):
    return {
        int(m.group(1)): m.group(0)
        for m in re.finditer(r'<article class="card pipeline-card[^>]*data-id="(\d+)"[^>]*>', html)
    }


def test_board_cards_carry_their_moves(customer, salesperson, manager, client_for, english):
    meeting = make_opportunity(customer, stage="meeting", next_action="送方案")
    won = make_opportunity(customer, stage="won")
    html = client_for(salesperson).get(reverse("sales:opportunity_board")).content.decode()
    cards = _cards(html)
    assert 'data-targets="needs_analysed contacted lost "' in cards[meeting.pk]
    assert 'draggable="true"' in cards[meeting.pk]
    assert f'data-move-url="/sales/opportunities/{meeting.pk}/move/"' in cards[meeting.pk]
    assert 'draggable="true"' not in cards[won.pk]
    assert 'class="dropdown move-menu"' in html
    # Counts and sums per column are in the page for the script to keep up to date.
    assert re.search(r'id="col-meeting">[^<]*<span class="badge[^"]*column-count">1<', html)
    # The manager reads the board: no card can be dragged, no menu to move it.
    html = client_for(manager).get(reverse("sales:opportunity_board")).content.decode()
    assert 'draggable="true"' not in html
    assert "move-menu" not in html


def test_opportunity_page_shows_the_stage_bar_and_next_steps(
    customer, salesperson, manager, client_for, english
):
    opp = make_opportunity(customer, stage="meeting")
    client = client_for(salesperson)
    page = client.get(opp.get_absolute_url())
    steps = page.context["stage_steps"]
    assert [(s, state) for s, _label, state in steps] == [
        ("new", "done"),
        ("contacted", "done"),
        ("meeting", "current"),
        ("needs_analysed", "todo"),
        ("proposal", "todo"),
        ("application", "todo"),
        ("won", "todo"),
    ]
    html = page.content.decode()
    assert '<li class="current" data-stage="meeting" aria-current="step">' in html
    # The forward step is closed until the needs analysis is recorded, and says so.
    assert page.context["transitions"] == [
        (
            "needs_analysed",
            "Needs analysed",
            ["Record a needs analysis for the customer first."],
            False,
        ),
        ("contacted", "Contacted", [], True),
    ]
    assert re.search(
        r'<button class="btn btn-sm btn-outline-secondary stage-button" type="button" disabled '
        r'data-stage="needs_analysed" aria-describedby="why-needs_analysed">',
        html,
    )
    assert 'id="why-needs_analysed">Record a needs analysis for the customer first.<' in html
    assert page.context["can_lose"]
    make_analysis(customer, salesperson)
    page = client.get(opp.get_absolute_url())
    assert page.context["transitions"][0] == ("needs_analysed", "Needs analysed", [], False)
    assert 'type="submit" data-stage="needs_analysed"' in page.content.decode()
    # The manager sees the bar, not the buttons.
    page = client_for(manager).get(opp.get_absolute_url())
    assert page.context["transitions"] == [] and not page.context["can_lose"]
    assert "stage-bar" in page.content.decode()
    assert "next-steps" not in page.content.decode()


def test_a_lost_opportunity_shows_where_it_was_lost(customer, salesperson, client_for):
    opp = make_opportunity(customer)
    services.opportunity_transition(opportunity=opp, to="contacted", actor=salesperson)
    services.opportunity_transition(opportunity=opp, to="lost", actor=salesperson, reason="無意願")
    opp.refresh_from_db()
    states = [(s, state) for s, _label, state in services.stage_steps(opp)]
    assert states == [
        ("new", "done"),
        ("contacted", "done"),
        ("meeting", "todo"),
        ("needs_analysed", "todo"),
        ("proposal", "todo"),
        ("application", "todo"),
        ("lost", "current"),
    ]
    page = client_for(salesperson).get(opp.get_absolute_url())
    assert page.context["transitions"] == [] and not page.context["can_lose"]


@pytest.mark.parametrize("total", [5, 50])
def test_board_query_count_does_not_grow(
    total, salesperson, supervisor, client_for, django_assert_num_queries
):
    """The board costs the same with 5 or 50 cards (one query for all of them)."""
    client = client_for(supervisor)
    url = reverse("sales:opportunity_board")
    client.get(url)  # warm the session, permissions, settings and the My-work count
    stages = ["new", "contacted", "meeting", "needs_analysed", "proposal", "application", "won"]
    for i in range(total):
        customer = make_customer(salesperson)
        make_opportunity(
            customer,
            stage=stages[i % len(stages)],
            next_action="電話跟進",
            next_action_date=customer.created.date(),
        )
    client.get(url)
    with django_assert_num_queries(4):
        response = client.get(url)
    cards = sum(len(column["cards"]) for column in response.context["columns"])
    assert cards == total
