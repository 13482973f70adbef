"""Company settings: defaults in code, stored values, validation, history."""

from decimal import Decimal

import pytest
from django.urls import reverse

from core import params
from core.models import Parameter

DAYS = params.define("tests.reminder_days", [60, 30, 15, 7], "Reminder offsets")
RATE = params.define("tests.rate", Decimal("0.30"), "Budget share")


@pytest.fixture(autouse=True)
def _no_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@pytest.mark.django_db
def test_default_until_set_then_stored_value(manager):
    assert params.get(DAYS.key) == [60, 30, 15, 7]
    params.set_value(DAYS.key, "45, 10", actor=manager)
    assert params.get(DAYS.key) == [45, 10]
    row = Parameter.objects.get(key=DAYS.key)
    assert row.history.count() == 1
    assert row.history.first().history_user == manager
    params.reset(DAYS.key, actor=manager)
    assert params.get(DAYS.key) == [60, 30, 15, 7]


@pytest.mark.django_db
def test_edit_page_validates_and_saves(superuser, client):
    client.force_login(superuser)
    url = reverse("core:parameter_edit", args=[RATE.key])
    response = client.post(url, {"value": "lots"})
    assert response.status_code == 200
    assert "Not a valid value" in response.content.decode() or response.context["form"].errors
    response = client.post(url, {"value": "0.25"})
    assert response.status_code == 302
    assert params.get(RATE.key) == Decimal("0.25")
    page = client.get(reverse("core:parameter_list")).content.decode()
    assert "Budget share" in page and "0.25" in page


@pytest.mark.django_db
def test_only_allowed_roles_change_settings(salesperson, supervisor, client):
    client.force_login(supervisor)  # may read the rules, not change them
    assert client.get(reverse("core:parameter_list")).status_code == 200
    assert (
        client.post(reverse("core:parameter_edit", args=[RATE.key]), {"value": "1"}).status_code
        == 403
    )
    client.force_login(salesperson)
    assert client.get(reverse("core:parameter_list")).status_code == 403


@pytest.mark.django_db
def test_the_manager_reads_the_settings_and_changes_none(manager, client):
    """The management role is read-only: the settings page without an edit control, and
    the edit page refused, whether read or posted."""
    client.force_login(manager)
    page = client.get(reverse("core:parameter_list"))
    assert page.status_code == 200
    assert reverse("core:parameter_edit", args=[RATE.key]) not in page.content.decode()
    url = reverse("core:parameter_edit", args=[RATE.key])
    assert client.get(url).status_code == 403
    assert client.post(url, {"value": "0.25"}).status_code == 403
    assert params.get(RATE.key) != Decimal("0.25")
