"""The applications' and policies' salesperson drop-down offers only the user's scope."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url_name", ["underwriting:application_list", "underwriting:policy_list"])
def test_owner_choices_are_the_users_scope(
    url_name, client_for, clerk, supervisor, salesperson, other_salesperson, manager
):
    url = reverse(url_name)
    for user, shown, hidden in (
        (clerk, {salesperson}, {other_salesperson}),
        (supervisor, {salesperson}, {other_salesperson}),
        (salesperson, {salesperson}, {other_salesperson}),
        (manager, {salesperson, other_salesperson}, set()),
    ):
        response = client_for(user).get(url)
        field = response.context["filter"].form.fields["owner"]
        offered = set(field.queryset)
        assert shown <= offered, user
        assert not (hidden & offered), user


@pytest.mark.parametrize("url_name", ["underwriting:application_list", "underwriting:policy_list"])
def test_another_teams_salesperson_is_not_accepted_as_a_filter(
    url_name, client_for, clerk, other_salesperson
):
    response = client_for(clerk).get(reverse(url_name), {"owner": other_salesperson.pk})
    form = response.context["filter"].form
    assert "owner" in form.errors
