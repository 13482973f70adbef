"""Query counts of "My appraisals", "My team's appraisals", My work's appraisal items and
the appraisal page with each rated item's evidence: pinned, and the same with more rows."""

import pytest
from django.urls import reverse

from appraisal.providers import my_work
from tests.factories import make_employee
from tests.queries import assert_cold_and_warm

from .factories import make_template, open_round, ratings

pytestmark = pytest.mark.django_db


@pytest.fixture
def templates(hr):
    make_template(hr, "salesperson")
    make_template(hr, "clerk", results=[("Files completed", 100)])


def test_my_appraisals_query_count(templates, hr, personas, client_for, django_assert_num_queries):
    salesperson = personas["salesperson"]
    open_round(hr, month=9)
    url = reverse("appraisal:my_appraisals")
    client = client_for(salesperson)
    assert_cold_and_warm(
        client, url, cold=MINE_COLD, warm=MINE_WARM, assert_num_queries=django_assert_num_queries
    )
    for month in (6, 7, 8):
        open_round(hr, month=month)
    response = client.get(url)
    assert len(response.context["table"].rows) == 4
    with django_assert_num_queries(MINE_WARM):
        client.get(url)


def test_team_appraisals_query_count(
    templates, hr, personas, team_a, client_for, django_assert_num_queries
):
    open_round(hr, month=9)
    url = reverse("appraisal:team_appraisals")
    client = client_for(personas["supervisor"])
    assert_cold_and_warm(
        client, url, cold=TEAM_COLD, warm=TEAM_WARM, assert_num_queries=django_assert_num_queries
    )
    for _i in range(5):
        make_employee("salesperson", team=team_a)
    open_round(hr, month=8)
    assert len(client.get(url).context["table"].rows) == 9
    with django_assert_num_queries(TEAM_WARM):
        client.get(url)


def test_my_work_items_count_in_one_query_each(templates, hr, personas, django_assert_num_queries):
    round_ = open_round(hr, month=9)
    salesperson, supervisor = personas["salesperson"], personas["supervisor"]
    mine = round_.appraisals.get(employee__user=salesperson)
    from appraisal import services

    services.self_submit(actor=salesperson, appraisal=mine, ratings=ratings(mine))
    for user in (salesperson, supervisor, hr):
        my_work(user)  # the permissions, read once per request, are read
    # the salesperson: their own appraisals (self-assessments, results to answer) in one
    with django_assert_num_queries(1):
        assert my_work(salesperson) == []
    # the supervisor: their own (none) and the ones they assess, one query each
    with django_assert_num_queries(2):
        items = my_work(supervisor)
    assert [i.count for i in items] == [1]
    # HR: own, the ones HR is named on (none: HR assesses through the permission), and
    # the appraisals to consolidate
    with django_assert_num_queries(3):
        my_work(hr)


def test_appraisal_page_with_evidence_per_item(
    templates, hr, personas, client_for, django_assert_num_queries
):
    round_ = open_round(hr, month=9)
    mine = round_.appraisals.get(employee__user=personas["salesperson"])
    url = reverse("appraisal:appraisal", args=[mine.pk])
    client = client_for(personas["salesperson"])
    response = client.get(url)
    html = response.content.decode()
    # the evidence of product knowledge (courses, tests, certificates) beside that item
    rows = {r.item.label: r for r in response.context["rows"]}
    assert [g.code for g in rows["Product knowledge"].evidence][:1] == ["training_courses"]
    assert {g.code for g in rows["Rule compliance"].evidence} >= {"confidentiality"}
    assert rows["Teamwork"].evidence == []
    assert html.count('class="small item-evidence') == 7  # every rated item but teamwork
    assert 'id="appraisal-evidence"' in html  # and the whole panel
    assert_cold_and_warm(
        client, url, cold=PAGE_COLD, warm=PAGE_WARM, assert_num_queries=django_assert_num_queries
    )


# The frame (session, user, unread notifications), the count and the page of rows (each
# with round, employee, team, supervisor and form); cold adds the access profile and
# permissions, the settings and My work's and the menu's counts.
MINE_WARM = 5
MINE_COLD = 27
TEAM_WARM = 5
TEAM_COLD = 45
# The frame, the appraisal, its items, the private note check, the providers' evidence
# (one or two queries each, whatever the number of records) and the deadlines.
PAGE_WARM = 18
PAGE_COLD = 39
