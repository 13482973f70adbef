"""The report's files speak like its page: changes with their sign and colour in the PDF,
the new-policy sheet named for what it lists; the archive's scope filter has one empty
choice."""

import io
import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from reports import files, services
from reports.statistics import Scope
from tests.reports.report_data import LAST_MONTH, day_in, sell

pytestmark = pytest.mark.django_db

PREVIOUS = LAST_MONTH.previous()


@pytest.fixture
def report(team_a, salesperson):
    """Team A: premium of 12,000 in the month before last, 17,000 last month (+41.7%), and
    three policies before, two last month (−33.3%)."""
    for amount in ("4000.00", "4000.00", "4000.00"):
        sell(salesperson, day_in(PREVIOUS), amount)
    sell(salesperson, day_in(LAST_MONTH), "12000.00")
    sell(salesperson, day_in(LAST_MONTH), "5000.00")
    snapshot = services.snapshot_request(scope=Scope.team(team_a), period=LAST_MONTH)
    return services.snapshot_generate(snapshot_id=snapshot.pk, generation=snapshot.generation)


def _pdf_text(snapshot):
    with snapshot.pdf.open("rb") as fh:
        reader = PdfReader(io.BytesIO(fh.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_summary_shows_changes_signed_and_coloured_like_the_page(report, team_a):
    text = _pdf_text(report)
    assert "+41.7%" in text  # premium up on the previous month
    assert "-33.3%" in text  # fewer new policies
    data = services.report_data(Scope.team(team_a), LAST_MONTH)
    html = render_to_string("reports/report_pdf.html", files.pdf_context(data))
    # A rise of a figure where more is better is green (up), a fall red (down), in the
    # summary table as in the key-figure cards.
    assert re.search(r'<td class="num change"><span class="up">\+41\.7%</span>\s*</td>', html)
    assert re.search(r'<td class="num change"><span class="down">-33\.3%</span>\s*</td>', html)
    assert re.search(r'class="sub">.*?<span class="up">\+41\.7%</span>', html, re.S)


def test_the_new_policy_details_sheet_is_named_for_its_contents(report):
    with report.excel.open("rb") as fh:
        names = load_workbook(io.BytesIO(fh.read()), read_only=True).sheetnames
    # The company's language (Traditional Chinese): details, not a count.
    assert "新單明細" in names
    assert "新單數量" not in names
    assert "新單明細" in _pdf_text(report)


def test_the_archive_scope_filter_has_one_empty_choice(supervisor, client_for, team_a):
    page = client_for(supervisor).get(reverse("reports:reportsnapshot_list"))
    assert page.status_code == 200
    choices = list(page.context["filter"].form.fields["scope_key"].choices)
    empty = [value for value, _label in choices if value == ""]
    assert len(empty) == 1
    html = page.content.decode()
    select = re.search(r'<select name="scope_key".*?</select>', html, re.S).group(0)
    assert select.count('value=""') == 1
