"""The follow-up table's rows (linkify lambdas, related accessors) built in Python match
django-tables2's own loop."""

import pytest

from aftersales.models import FollowUp
from aftersales.tables import FollowUpTable
from tests.aftersales.factories import make_policy
from tests.core.test_speedups import paginated, reference_rows

pytestmark = pytest.mark.django_db


def test_rows_with_linkify_lambdas_and_related_accessors_match(salesperson, clerk, checklists):
    make_policy(salesperson, clerk, category="life")
    data = FollowUp.objects.select_related("customer__owner", "policy", "assigned_to")
    assert data.exists()
    ours = str(paginated(FollowUpTable, data).body_html())
    assert ours == reference_rows(paginated(FollowUpTable, data))
    assert "<a href=" in ours
