"""After-sales buttons on the policy's and the customer's pages (core.links)."""

import pytest

from tests.aftersales.factories import make_policy

pytestmark = pytest.mark.django_db


def test_policy_page_offers_after_sales_actions_by_permission(
    client_for, clerk, salesperson, manager
):
    policy = make_policy(salesperson, clerk)
    url = policy.get_absolute_url()
    page = client_for(clerk).get(url).content.decode()
    assert f'href="/aftersales/claims/add/?policy={policy.pk}"' in page
    assert f'href="/aftersales/service-requests/add/?policy={policy.pk}"' in page
    # the salesperson may log a complaint but not open claims for the clerk
    page = client_for(salesperson).get(url).content.decode()
    assert "/aftersales/claims/add/" not in page
    assert f"/aftersales/complaints/add/?policy={policy.pk}&amp;customer={policy.customer_id}" in (
        page
    )
    # the manager reads, and starts nothing
    assert "record-link" not in client_for(manager).get(url).content.decode()


def test_links_prefill_the_forms(client_for, clerk, salesperson):
    policy = make_policy(salesperson, clerk)
    page = client_for(clerk).get(f"/aftersales/claims/add/?policy={policy.pk}").content.decode()
    # the policy picker carries the policy and shows its number
    assert f'name="policy" id="id_policy" value="{policy.pk}"' in page
    assert policy.policy_number in page


def test_customer_page_offers_logging_a_complaint(client_for, clerk, salesperson):
    policy = make_policy(salesperson, clerk)
    page = client_for(salesperson).get(policy.customer.get_absolute_url()).content.decode()
    assert f'href="/aftersales/complaints/add/?customer={policy.customer_id}"' in page
