"""The login-rule list and the two-factor accounts page cost a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_otp.plugins.otp_totp.models import TOTPDevice

from confidentiality.models import LoginRule
from core.roles import Role
from tests.factories import make_employee

pytestmark = pytest.mark.django_db

RULE_LIST = 5
TWO_FACTOR_USERS = 5


def _count(client, url):
    client.get(url)  # warm the caches
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_rule_list_is_constant(client_for, compliance):
    client = client_for(compliance)
    url = "/confidentiality/login-rules/?per_page=100"
    LoginRule.objects.create(role="clerk", active=False)
    few = _count(client, url)
    for role in ("salesperson", "supervisor", "hr", "manager"):
        LoginRule.objects.create(role=role, active=False, networks="10.0.0.0/8")
    assert _count(client, url) == few == RULE_LIST


def test_two_factor_users_is_constant(client_for, compliance, team_a):
    client = client_for(compliance)
    url = "/confidentiality/two-factor/users/"
    few = _count(client, url)
    for _i in range(12):
        user = make_employee(Role.SUPERVISOR, team=team_a)
        TOTPDevice.objects.create(user=user, name="a", confirmed=True)
    many = _count(client, url)
    assert many == few == TWO_FACTOR_USERS
    page = client.get(url + "?state=on")
    assert len(page.context["users"]) == 12
