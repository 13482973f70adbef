"""The top bar's search goes straight to the policy or application whose number was typed,
only among the records the user may see."""

import pytest

from tests.underwriting.factories import accepted_application, issue_policy, make_application

pytestmark = pytest.mark.django_db


def _search(client, term):
    return client.get("/customers/search/", {"q": term})


def test_a_policy_number_opens_the_policy(client_for, checklist, clerk, salesperson):
    application = accepted_application(salesperson=salesperson, clerk=clerk)
    policy = issue_policy(application, clerk, number="PL20260001")
    response = _search(client_for(salesperson), "pl20260001")
    assert response.status_code == 302
    assert response["Location"] == f"/underwriting/policies/{policy.pk}/"


def test_an_application_reference_opens_the_application(client_for, checklist, clerk, salesperson):
    application = make_application(salesperson=salesperson, clerk=clerk)
    response = _search(client_for(clerk), application.reference)
    assert response["Location"] == f"/underwriting/applications/{application.pk}/"


def test_a_number_out_of_scope_is_only_a_customer_search(
    client_for, checklist, clerk, salesperson, other_salesperson
):
    application = make_application(salesperson=salesperson, clerk=clerk)
    response = _search(client_for(other_salesperson), application.reference)
    assert response.status_code == 302
    assert response["Location"].startswith("/customers/customers/?q=")
