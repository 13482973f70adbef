"""Writes on customer files: one history row per write with the right user, events, rules."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import AuditEvent, Notification
from customers import services
from customers.models import Customer
from tests.customers.factories import make_customer

pytestmark = pytest.mark.django_db


def _history(customer):
    return list(customer.history.order_by("history_date"))


def test_create_writes_one_history_row_and_an_event(clerk, salesperson):
    customer = make_customer(salesperson, actor=clerk, needs=["life", "medical"])
    rows = _history(customer)
    assert len(rows) == 1 and rows[0].history_type == "+"
    # The team comes from the owner, the clerk defaults to the acting clerk.
    assert customer.team == salesperson.employee.team and customer.clerk == clerk
    assert sorted(customer.needs.values_list("kind", flat=True)) == ["life", "medical"]
    assert AuditEvent.objects.filter(verb="created", object_id=str(customer.pk)).count() == 1


def test_update_is_one_history_row_by_the_acting_user(client_for, clerk, salesperson):
    customer = make_customer(salesperson)
    client = client_for(clerk)
    data = {
        "kind": "individual",
        "name": customer.name,
        "id_type": "prc_id",
        "mobile": customer.mobile,
        "stage": "prospect",
        "clerk": clerk.pk,
        "occupation": "教師",
        "change_reason": "電話核實",
    }
    response = client.post(f"/customers/customers/{customer.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    rows = _history(customer)
    assert len(rows) == 2
    assert rows[-1].history_user == clerk
    assert rows[-1].history_change_reason == "電話核實"
    assert rows[-1].occupation == "教師"


def test_archive_and_restore(clerk, salesperson):
    customer = make_customer(salesperson)
    with pytest.raises(ValidationError):
        services.customer_archive(actor=clerk, customer=customer, reason=" ")
    services.customer_archive(actor=clerk, customer=customer, reason="客戶要求")
    customer.refresh_from_db()
    assert customer.archived and customer.archived_on and customer.archived_reason == "客戶要求"
    with pytest.raises(ValidationError):
        services.customer_archive(actor=clerk, customer=customer, reason="again")
    services.customer_restore(actor=clerk, customer=customer)
    customer.refresh_from_db()
    assert not customer.archived and customer.archived_on is None
    assert len(_history(customer)) == 3
    verbs = set(
        AuditEvent.objects.filter(object_id=str(customer.pk)).values_list("verb", flat=True)
    )
    assert {"archived", "restored"} <= verbs


def test_reassign_moves_owner_and_team_at_once(supervisor, salesperson, other_salesperson, clerk):
    from tests.factories import make_employee

    team_a = salesperson.employee.team
    colleague = make_employee("salesperson", team=team_a, username="colleague")
    customer = make_customer(salesperson, actor=clerk)
    # Only supervisors reassign, and only to their teams' salespeople.
    with pytest.raises(PermissionDenied):
        services.customer_reassign(actor=clerk, customer=customer, owner=colleague)
    with pytest.raises(ValidationError):
        services.customer_reassign(actor=supervisor, customer=customer, owner=other_salesperson)
    services.customer_reassign(
        actor=supervisor, customer=customer, owner=colleague, reason="離職交接"
    )
    customer.refresh_from_db()
    assert customer.owner == colleague
    assert Customer.objects.visible_to(colleague).filter(pk=customer.pk).exists()
    assert not Customer.objects.visible_to(salesperson).filter(pk=customer.pk).exists()
    last = customer.history.latest("history_date")
    assert last.history_user is None or last.history_user == supervisor
    assert last.history_change_reason == "離職交接"
    assert AuditEvent.objects.filter(verb="reassigned", object_id=str(customer.pk)).exists()
    assert Notification.objects.filter(recipient=colleague).exists()


def test_reassign_to_another_team_takes_effect_at_once(
    superuser, salesperson, other_salesperson, clerk
):
    customer = make_customer(salesperson, actor=clerk)
    services.customer_reassign(actor=superuser, customer=customer, owner=other_salesperson)
    customer.refresh_from_db()
    assert customer.team == other_salesperson.employee.team
    assert customer.clerk is None  # team B has no clerk; team A's clerk no longer fits
    assert not Customer.objects.visible_to(clerk).filter(pk=customer.pk).exists()
    assert Customer.objects.visible_to(other_salesperson).filter(pk=customer.pk).exists()


def test_share_and_revoke_are_grants_listed_and_recorded(salesperson, other_salesperson, clerk):
    customer = make_customer(salesperson)
    assert not Customer.objects.visible_to(other_salesperson).filter(pk=customer.pk).exists()
    with pytest.raises(PermissionDenied):  # clerks do not share
        services.customer_grant_access(actor=clerk, customer=customer, to=other_salesperson)
    services.customer_grant_access(
        actor=salesperson, customer=customer, to=other_salesperson, reason="共同服務"
    )
    assert Customer.objects.visible_to(other_salesperson).filter(pk=customer.pk).exists()
    assert Customer.objects.visible_to(other_salesperson, "change").filter(pk=customer.pk).exists()
    shares = services.customer_shares(customer)
    assert [(who, perms) for who, perms in shares] == [(other_salesperson, ["change", "view"])]
    services.customer_revoke_access(actor=salesperson, customer=customer, to=other_salesperson)
    assert not Customer.objects.visible_to(other_salesperson).filter(pk=customer.pk).exists()
    assert services.customer_shares(customer) == []
    verbs = list(
        AuditEvent.objects.filter(object_id=str(customer.pk)).values_list("verb", flat=True)
    )
    assert "grant" in verbs and "revoke" in verbs


def test_shared_file_children_follow(salesperson, other_salesperson):
    from customers.models import FamilyMember

    customer = make_customer(salesperson)
    member = FamilyMember.objects.create(customer=customer, relation="child", name="小明")
    assert not FamilyMember.objects.visible_to(other_salesperson).filter(pk=member.pk).exists()
    services.customer_grant_access(actor=salesperson, customer=customer, to=other_salesperson)
    assert FamilyMember.objects.visible_to(other_salesperson).filter(pk=member.pk).exists()


def test_visible_rows_per_persona(personas):
    a1 = make_customer(personas["salesperson"])
    a2 = make_customer(personas["salesperson"])
    b1 = make_customer(personas["other_salesperson"])
    expected = {
        "salesperson": {a1, a2},
        "clerk": {a1, a2},
        "supervisor": {a1, a2},
        "other_salesperson": {b1},
        "manager": {a1, a2, b1},
        "superuser": {a1, a2, b1},
        "hr": set(),
        "compliance": set(),
    }
    for name, rows in expected.items():
        assert set(Customer.objects.visible_to(personas[name])) == rows, name
    # Read-only for the manager.
    assert not Customer.objects.visible_to(personas["manager"], "change").exists()


def test_create_queries(clerk, salesperson, django_assert_num_queries):
    from core.permissions import get_profile
    from tests.customers.factories import id_number

    get_profile(clerk)  # read once per request
    assert salesperson.employee.team is not None
    make_customer(salesperson, actor=clerk, id_type="prc_id", id_number=id_number())
    # The uniqueness check, the file, its history row and the audit event (in a savepoint
    # here, since the test runs in a transaction; a request has BEGIN and COMMIT instead).
    with django_assert_num_queries(6) as ctx:
        customer = make_customer(salesperson, actor=clerk, id_type="prc_id", id_number=id_number())
    statements = [q["sql"].split()[0] for q in ctx.captured_queries]
    assert statements == ["SAVEPOINT", "SELECT", "INSERT", "INSERT", "INSERT", "RELEASE"]
    assert customer.history.get().history_user == clerk
