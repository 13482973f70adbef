"""The helpers every app shares from core (one copy each): saving with validation and an
actor, the permission check of a service, the error-to-form helper, the POST-only action
view, the tracked job, and the access profile's answer to "clerk / supported teams"."""

import pytest
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.jobs import queue_tracked, run_start
from core.models import TaskRun
from core.permissions import get_profile
from core.roles import Role
from core.services import require_permission, save_checked
from core.views.generic import add_validation_error, error_text
from customers.models import Customer
from reports import tasks as report_tasks
from tests.customers.factories import make_customer


def test_save_checked_validates_and_credits_the_actor(salesperson, clerk):
    customer = make_customer(salesperson, actor=clerk)
    customer.name = "改過的名字"
    save_checked(customer, clerk)
    assert customer.history.first().history_user == clerk
    customer.name = ""
    with pytest.raises(ValidationError):
        save_checked(customer, clerk)
    assert Customer.objects.get(pk=customer.pk).name == "改過的名字"


def test_require_permission_needs_the_model_permission_and_the_row(
    salesperson, other_salesperson, clerk
):
    customer = make_customer(salesperson, actor=clerk)
    require_permission(salesperson, customer, "customers.change_customer")
    with pytest.raises(PermissionDenied):  # another team's file
        require_permission(other_salesperson, customer, "customers.change_customer")
    with pytest.raises(PermissionDenied):  # a permission the role does not hold
        require_permission(salesperson, customer, "customers.import_customer")
    with pytest.raises(PermissionDenied, match="not yours"):
        require_permission(other_salesperson, customer, message="not yours")


class _Form(forms.Form):
    name = forms.CharField(required=False)


def test_add_validation_error_puts_errors_on_their_fields():
    form = _Form({"name": "x"})
    assert form.is_valid()
    add_validation_error(form, ValidationError({"name": "bad name", "other": "elsewhere"}))
    assert form.errors["name"] == ["bad name"]
    assert form.non_field_errors() == ["elsewhere"]
    form = _Form({"name": "x"})
    form.is_valid()
    add_validation_error(form, ValidationError(["one", "two"]))
    assert form.non_field_errors() == ["one", "two"]
    assert error_text(ValidationError(["one", "two"])) == "one two"


def test_post_only_view_refuses_get_and_hides_what_the_user_cannot_see(
    client_for, salesperson, other_salesperson, clerk
):
    customer = make_customer(salesperson, actor=clerk)
    url = reverse("customers:customer_archive", args=[customer.pk])
    assert client_for(salesperson).get(url).status_code == 405
    assert client_for(other_salesperson).post(url, {"reason": "x"}).status_code == 404
    # A ValidationError is a message after the redirect, and nothing changes.
    response = client_for(salesperson).post(url, {"reason": ""}, follow=True)
    assert response.redirect_chain[-1][0] == customer.get_absolute_url()
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    customer.refresh_from_db()
    assert not customer.archived


def test_queue_tracked_waits_for_commit_and_passes_the_run(
    clerk, django_capture_on_commit_callbacks
):
    run = run_start(name="generate_report", user=clerk, key="k" * 300)
    assert len(run.key) == 200
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queue_tracked(report_tasks.generate_report, 0, 0, run=run)
    # nothing queued before the commit: the queuing waits among the commit's callbacks
    # (beside the query-cache version moves of the rows just saved)
    assert [c for c in callbacks if "enqueue_on_commit" in c.__qualname__]
    assert TaskRun.objects.get(pk=run.pk).message  # "waiting for a worker"


def test_access_profile_says_who_is_a_clerk_and_which_teams_they_support(
    clerk, supervisor, salesperson, team_a
):
    profile = get_profile(clerk)
    assert profile.is_clerk and profile.role == Role.CLERK
    assert profile.supported_team_ids == {team_a.pk}
    lead = get_profile(supervisor)
    assert not lead.is_clerk and lead.role == Role.SUPERVISOR
    assert lead.supported_team_ids == frozenset() and lead.led_team_ids == {team_a.pk}
    assert get_profile(salesperson).supported_team_ids == frozenset()
