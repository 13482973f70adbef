"""Login hours and address ranges per role: refused at sign-in and on each request, with
the refusal page in the user's language and a row in the security log."""

import datetime as dt

import pytest
from django.utils import timezone

from confidentiality.models import LoginRule
from confidentiality.services import login as controls
from core.models import AuditEvent

pytestmark = pytest.mark.django_db
PASSWORD = "Test-Password-2026"


def sign_in(client, user, ip="10.1.2.3"):
    return client.post(
        "/accounts/login/", {"username": user.username, "password": PASSWORD}, REMOTE_ADDR=ip
    )


def hours_excluding_now():
    now = timezone.localtime()
    start = (now + dt.timedelta(hours=2)).time().replace(second=0, microsecond=0)
    end = (now + dt.timedelta(hours=3)).time().replace(second=0, microsecond=0)
    return start, end


def hours_including_now():
    now = timezone.localtime()
    start = (now - dt.timedelta(hours=1)).time().replace(second=0, microsecond=0)
    end = (now + dt.timedelta(hours=1)).time().replace(second=0, microsecond=0)
    return start, end


def test_sign_in_outside_the_hours_is_refused_and_logged(client, clerk):
    start, end = hours_excluding_now()
    LoginRule.objects.create(role="clerk", weekdays="", starts_at=start, ends_at=end)
    client.cookies["django_language"] = "zh-hant"
    response = sign_in(client, clerk)
    assert response.status_code == 403
    html = response.content.decode()
    assert 'id="login-refused"' in html and 'lang="zh-hant"' in html
    assert "此時段" in html  # the refusal in the user's language
    assert client.get("/").status_code == 302  # not signed in
    event = AuditEvent.objects.get(verb="login_refused")
    assert event.actor == clerk and event.data["reason"] == controls.OUTSIDE_HOURS
    assert event.data["ip"] == "10.1.2.3"


def test_sign_in_within_the_hours_and_range_is_allowed(client, clerk):
    start, end = hours_including_now()
    LoginRule.objects.create(
        role="clerk", weekdays="", starts_at=start, ends_at=end, networks="10.1.0.0/16"
    )
    assert sign_in(client, clerk)["Location"] == "/"
    assert client.get("/", REMOTE_ADDR="10.1.9.9").status_code == 200
    assert not AuditEvent.objects.filter(verb="login_refused").exists()


def test_request_from_outside_the_ranges_ends_the_session(client_for, clerk, salesperson):
    client = client_for(clerk)
    assert client.get("/", REMOTE_ADDR="192.168.1.5").status_code == 200
    LoginRule.objects.create(role="clerk", weekdays="", networks="10.1.0.0/16\n2001:db8::/32")
    response = client.get("/customers/", REMOTE_ADDR="192.168.1.5")
    assert response.status_code == 403 and 'id="login-refused"' in response.content.decode()
    assert client.get("/", REMOTE_ADDR="10.1.0.7").status_code == 302  # logged out
    assert AuditEvent.objects.get(verb="login_refused").data["reason"] == "address"
    # another role is not limited by the clerks' rule
    assert client_for(salesperson).get("/", REMOTE_ADDR="192.168.1.5").status_code == 200


def test_rule_days_and_inactive_rules(clerk):
    today = str(timezone.localtime().isoweekday())
    other_days = "".join(d for d in "1234567" if d != today)
    rule = LoginRule.objects.create(role="clerk", weekdays=other_days)
    assert controls.login_refusal(clerk, ip="10.0.0.1") == controls.OUTSIDE_HOURS
    rule.active = False
    rule.save()
    assert controls.login_refusal(clerk, ip="10.0.0.1") is None


def test_hours_across_midnight():
    moment = timezone.make_aware(dt.datetime(2026, 12, 7, 23, 30))
    early = timezone.make_aware(dt.datetime(2026, 12, 8, 5, 0))
    noon = timezone.make_aware(dt.datetime(2026, 12, 8, 12, 0))
    night = (dt.time(22, 0), dt.time(6, 0))
    assert controls._within_hours(moment, "", *night)
    assert controls._within_hours(early, "", *night)
    assert not controls._within_hours(noon, "", *night)


def test_administrators_are_never_refused(superuser):
    LoginRule.objects.create(role="clerk", weekdays="", networks="10.0.0.0/8")
    assert controls.login_refusal(superuser, ip="192.168.0.1") is None


def test_compliance_edits_rules_with_history(client_for, compliance, clerk):
    client = client_for(compliance)
    bad = client.post(
        "/confidentiality/login-rules/add/",
        {"role": "clerk", "active": "on", "networks": "10.1.0.0/16\nnot-a-network"},
    )
    assert bad.status_code == 200 and "networks" in bad.context["form"].errors
    half = client.post(
        "/confidentiality/login-rules/add/", {"role": "clerk", "active": "on", "starts_at": "08:00"}
    )
    assert "ends_at" in half.context["form"].errors
    ok = client.post(
        "/confidentiality/login-rules/add/",
        {
            "role": "clerk",
            "active": "on",
            "days": ["1", "2", "3", "4", "5"],
            "starts_at": "08:00",
            "ends_at": "19:00",
            "networks": "10.1.0.0/16",
        },
    )
    assert ok.status_code == 302
    rule = LoginRule.objects.get(role="clerk")
    assert rule.weekdays == "12345" and rule.network_list() == ["10.1.0.0/16"]
    assert rule.history.first().history_user == compliance
    assert AuditEvent.objects.filter(verb="login_rule_changed", actor=compliance).exists()
    assert client_for(clerk).get("/confidentiality/login-rules/").status_code == 403
    detail = client_for(compliance).get(rule.get_absolute_url())
    assert "10.1.0.0/16" in detail.content.decode()


def test_rules_are_cached_and_forgotten_on_change(clerk, django_assert_num_queries):
    controls.forget_rules()
    controls.rules_by_role()
    with django_assert_num_queries(0):
        assert controls.rules_by_role() == {}
    LoginRule.objects.create(role="clerk", weekdays="", networks="10.0.0.0/8")
    assert "clerk" in controls.rules_by_role()


def test_demo_seeds_an_example_rule_and_password_only_sign_in(django_user_model):
    from confidentiality import rules
    from confidentiality.demo import seed_login_controls
    from core import params

    django_user_model.objects.create_superuser("admin", "a@example.com", "Demo-Pass-2026")
    seed_login_controls({})
    seed_login_controls({})  # a second run adds nothing
    rule = LoginRule.objects.get(role="clerk")
    assert not rule.active and "10.0.0.0/8" in rule.network_list()
    assert params.get(rules.TWO_FACTOR_ROLES) == []
