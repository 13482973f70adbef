"""The appraisal pages: private notes hidden from the employee (page and PDF), the round
board's query count, the PDF and Excel files, forms that refuse bad input."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from appraisal.models import Stage
from tests.factories import make_employee

from .factories import make_template, open_round, walk_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(hr, personas):
    make_template(hr, "salesperson")
    make_template(hr, "clerk", results=[("Files completed", 100)])
    return open_round(hr)


def _mine(round_, user):
    return round_.appraisals.get(employee__user=user)


def _pdf_text(response):
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


def test_private_notes_are_hidden_from_the_employee(round_, personas, hr, client_for):
    appraisal = walk_to(
        _mine(round_, personas["salesperson"]),
        "closed",
        employee=personas["salesperson"],
        supervisor=personas["supervisor"],
        hr=hr,
    )
    url = reverse("appraisal:appraisal", args=[appraisal.pk])
    pdf_url = reverse("appraisal:appraisal_pdf", args=[appraisal.pk])
    page = client_for(personas["salesperson"]).get(url)
    assert page.status_code == 200
    assert "PRIVATE-NOTE-XYZ" not in page.content.decode()
    assert str(appraisal.final_score) in page.content.decode()  # the result and its working
    assert "PRIVATE-NOTE-XYZ" not in _pdf_text(client_for(personas["salesperson"]).get(pdf_url))
    history = client_for(personas["salesperson"]).get(
        reverse("appraisal:appraisal_history", args=[appraisal.pk])
    )
    assert "PRIVATE-NOTE-XYZ" not in history.content.decode()
    for reader in ("hr", "supervisor"):
        assert "PRIVATE-NOTE-XYZ" in client_for(personas[reader]).get(url).content.decode()
        assert "PRIVATE-NOTE-XYZ" in _pdf_text(client_for(personas[reader]).get(pdf_url))


def test_pdf_holds_the_items_scores_and_interview(round_, personas, hr, client_for):
    appraisal = walk_to(
        _mine(round_, personas["salesperson"]),
        "closed",
        employee=personas["salesperson"],
        supervisor=personas["supervisor"],
        hr=hr,
    )
    text = _pdf_text(
        client_for(personas["salesperson"]).get(
            reverse("appraisal:appraisal_pdf", args=[appraisal.pk])
        )
    )
    for expected in (
        "Product knowledge",
        "Rule compliance",
        str(appraisal.final_score),
        "More visits",
    ):
        assert expected in text


def test_round_excel_has_every_score_item_and_grade(round_, personas, hr, client_for):
    done = walk_to(
        _mine(round_, personas["salesperson"]),
        "closed",
        employee=personas["salesperson"],
        supervisor=personas["supervisor"],
        hr=hr,
    )
    response = client_for(hr).get(reverse("appraisal:appraisalround_export", args=[round_.pk]))
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    summary, items, working = book.worksheets[:3]
    rows = {r[0]: r for r in summary.iter_rows(min_row=2, values_only=True)}
    assert len(rows) == 4
    mine = rows[done.employee.employee_no]
    # the dimension weights, the blend share, calculated, calibration, final, grade
    assert mine[5:9] == (50, 30, 20, 70)
    assert mine[9] == float(done.calculated_score) and mine[10] == 0
    assert mine[12] == float(done.final_score) and mine[13] == done.grade_label()
    assert rows[personas["clerk"].employee.employee_no][9] is None  # not consolidated
    item_rows = list(items.iter_rows(min_row=2, values_only=True))
    assert len(item_rows) == 4 * 9
    sales = [r for r in item_rows if r[0] == done.employee.employee_no]
    assert {r[3] for r in sales} >= {"Product knowledge", "Teamwork"}
    assert all(r[10] is not None for r in sales)
    # each rated item says how its score is reached: the blend of the two ratings
    assert all(r[11] for r in sales)
    lines = [r for r in working.iter_rows(min_row=2, values_only=True) if r[0] == mine[0]]
    assert [r[3] for r in lines] == done.working and lines[0][2] == 1


def _board_queries(client, url):
    """The page's own queries (of appraisal's and org's tables other than the frame's
    reading of the signed-in user's employee record, which the access cache may spare)."""
    client.get(url)  # warm the per-process and shared caches (access, My work, counts)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return [
        q["sql"]
        for q in ctx.captured_queries
        if "appraisal_" in q["sql"] or '"org_team"' in q["sql"]
    ]


def test_round_board_query_count_is_constant(
    hr, personas, team_a, client_for, django_assert_num_queries
):
    make_template(hr, "salesperson")
    make_template(hr, "clerk", results=[("Files completed", 100)])
    round_ = open_round(hr, teams=[team_a])
    url = reverse("appraisal:appraisalround", args=[round_.pk])
    client = client_for(hr)
    few = _board_queries(client, url)
    # the round, its two visibility checks, the board's appraisals, the round's teams
    assert len(few) == 5
    for _i in range(20):
        make_employee("salesperson", team=team_a)
    open_round(hr, teams=[team_a])  # tops the round up with the newcomers
    assert round_.appraisals.count() == 22
    assert len(_board_queries(client, url)) == len(few)
    with django_assert_num_queries(BOARD_QUERIES):
        client.get(url)


# The frame (session, user, unread notifications), the round and its two visibility
# checks (may change, may delete), the board's appraisals with employee, team and
# supervisor (one query), the round's chosen teams; the frame's employee record of the
# signed-in user comes from the warm access cache.
BOARD_QUERIES = 8


def test_self_assessment_page_shows_anchors_and_refuses_bad_input(round_, personas, client_for):
    appraisal = _mine(round_, personas["salesperson"])
    client = client_for(personas["salesperson"])
    page = client.get(reverse("appraisal:appraisal", args=[appraisal.pk]))
    body = page.content.decode()
    assert "rating-form" in body and "Outstanding" in body  # the anchors beside the fields
    assert "PRIVATE" not in body
    step = reverse("appraisal:appraisal_step", args=[appraisal.pk, "self"])
    bad = client.post(step, {"comment": "x" * 3000})
    assert bad.status_code == 200
    form = bad.context["forms"]["self"]
    assert "comment" in form.errors and any(name.startswith("item_") for name in form.errors)
    appraisal.refresh_from_db()
    assert appraisal.stage == Stage.SELF
    data = {"comment": "Done"}
    for row in appraisal.items.select_related("item"):
        data[f"item_{row.item_id}"] = "80" if row.item.scale == "0-100" else "4"
    assert client.post(step, data).status_code == 302
    appraisal.refresh_from_db()
    assert appraisal.stage == Stage.SUPERVISOR and appraisal.self_comment == "Done"


def test_results_history_with_trend_chart(round_, personas, hr, client_for):
    walk_to(
        _mine(round_, personas["salesperson"]),
        "closed",
        employee=personas["salesperson"],
        supervisor=personas["supervisor"],
        hr=hr,
    )
    page = client_for(personas["supervisor"]).get(
        reverse("appraisal:employee_results", args=[personas["salesperson"].employee.pk])
    )
    assert page.status_code == 200
    assert page.context["chart"] is not None and "<svg" in page.content.decode()
    assert "<script" not in str(page.context["chart"].svg)


def test_round_open_page_opens_the_previous_month(hr, personas, client_for):
    make_template(hr, "salesperson")
    client = client_for(hr)
    page = client.get(reverse("appraisal:appraisalround_add"))
    assert page.status_code == 200 and page.context["deadlines"]
    response = client.post(
        reverse("appraisal:appraisalround_add"), {"kind": "monthly", "year": 2026, "month": 10}
    )
    assert response.status_code == 302
    bad = client.post(reverse("appraisal:appraisalround_add"), {"kind": "monthly", "year": 2026})
    assert "month" in bad.context["form"].errors
