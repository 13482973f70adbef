"""Two-factor sign-in: enrolment by QR code, the code after the password, recovery codes
(single use), the requirement by role, the administrator's reset (recorded)."""

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from confidentiality import rules
from confidentiality.services import login as controls
from core import params
from core.models import AuditEvent
from tests.conftest import two_factor_code, two_factor_device

pytestmark = pytest.mark.django_db
PASSWORD = "Test-Password-2026"
VERIFY = "/confidentiality/two-factor/verify/"
ENROL = "/confidentiality/two-factor/enrol/"
CODES = "/confidentiality/two-factor/codes/"


def sign_in(client, user):
    return client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})


def code_of(device):
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    return f"{TOTP(device.bin_key).token():06d}"


def test_supervisor_is_sent_to_enrolment_and_gets_recovery_codes_once(client, supervisor):
    assert sign_in(client, supervisor)["Location"] == "/"
    response = client.get("/confidentiality/agreements/own/")
    assert response.status_code == 302
    assert response["Location"] == f"{ENROL}?next=%2Fconfidentiality%2Fagreements%2Fown%2F"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and 'id="enrol-key"' in html
    device = TOTPDevice.objects.get(user=supervisor, confirmed=False)
    assert device.config_url.startswith("otpauth://totp/")

    wrong = client.post(ENROL, {"token": "000000", "next": "/confidentiality/agreements/own/"})
    assert wrong.status_code == 200 and wrong.context["form"].errors["token"]

    done = client.post(
        ENROL, {"token": code_of(device), "next": "/confidentiality/agreements/own/"}
    )
    assert done.status_code == 302 and done["Location"].startswith(CODES)
    shown = client.get(done["Location"])
    codes = shown.context["codes"]
    assert len(codes) == params.get(rules.RECOVERY_CODE_COUNT) == 10
    assert all(c in shown.content.decode() for c in codes)
    assert client.get(CODES).context["codes"] is None  # shown once
    assert client.get("/confidentiality/agreements/own/").status_code == 200
    assert AuditEvent.objects.filter(verb="two_factor_enrolled", actor=supervisor).count() == 1


def test_enrolled_user_must_enter_the_code_after_the_password(client, hr):
    device = two_factor_device(hr)
    sign_in(client, hr)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == f"{VERIFY}?next=%2F"
    assert client.get("/org/employees/").status_code == 302  # every page waits for the code

    wrong = client.post(VERIFY, {"token": "123456", "next": "/"})
    assert wrong.status_code == 200 and "token" in wrong.context["form"].errors
    assert AuditEvent.objects.filter(verb="two_factor_failed", actor=hr).exists()

    right = client.post(VERIFY, {"token": two_factor_code(hr), "next": "/org/employees/"})
    assert right.status_code == 302 and right["Location"] == "/org/employees/"
    assert client.get("/").status_code == 200
    assert client.session[controls.SESSION_KEY] == device.persistent_id


def target_is(user):
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q

    return Q(content_type=ContentType.objects.get_for_model(type(user)), object_id=str(user.pk))


def test_recovery_code_signs_in_once(client, manager):
    two_factor_device(manager)
    codes = controls._new_recovery_codes(manager)
    sign_in(client, manager)
    response = client.post(VERIFY, {"token": codes[0], "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert StaticToken.objects.filter(device__user=manager).count() == 9
    assert AuditEvent.objects.filter(verb="two_factor_recovery_used").count() == 1

    client.post("/accounts/logout/")
    sign_in(client, manager)
    again = client.post(VERIFY, {"token": codes[0], "next": "/"})
    assert again.status_code == 200 and "token" in again.context["form"].errors
    assert client.get("/").status_code == 302
    StaticDevice.objects.update(throttling_failure_count=0)  # past the pause after a failure
    assert client.post(VERIFY, {"token": codes[1]}).status_code == 302


def test_five_wrong_codes_end_the_session(client, compliance):
    two_factor_device(compliance)
    sign_in(client, compliance)
    for _i in range(5):
        response = client.post(VERIFY, {"token": "999999"})
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert client.get("/").status_code == 302
    assert client.get("/")["Location"].startswith("/accounts/login/")


def test_roles_without_the_requirement_sign_in_with_the_password(client, salesperson):
    assert not controls.two_factor_required(salesperson)
    sign_in(client, salesperson)
    assert client.get("/").status_code == 200


def test_requirement_follows_the_setting(client, supervisor, superuser):
    params.set_value(rules.TWO_FACTOR_ROLES, ["hr"], actor=superuser)
    assert not controls.two_factor_required(supervisor)
    sign_in(client, supervisor)
    assert client.get("/").status_code == 200


def test_an_enrolled_salesperson_is_asked_too(client, salesperson):
    device = TOTPDevice.objects.create(user=salesperson, name="a", confirmed=True)
    sign_in(client, salesperson)
    assert client.get("/")["Location"] == f"{VERIFY}?next=%2F"
    assert client.post(VERIFY, {"token": code_of(device)}).status_code == 302
    assert client.get("/").status_code == 200


def test_htmx_request_is_redirected_by_header(client, supervisor):
    sign_in(client, supervisor)
    response = client.get("/customers/", headers={"HX-Request": "true"})
    assert response.status_code == 204 and response["HX-Redirect"].startswith(ENROL)


def test_administrator_reset_is_recorded(client_for, compliance, supervisor, clerk):
    two_factor_device(supervisor)
    controls._new_recovery_codes(supervisor)
    url = f"/confidentiality/two-factor/users/{supervisor.pk}/reset/"
    assert client_for(clerk).post(url, {"reason": "x"}).status_code == 403

    client = client_for(compliance)
    listing = client.get("/confidentiality/two-factor/users/?state=on")
    assert [u.username for u in listing.context["users"]] == ["supervisor"]
    assert client.post(url, {"reason": ""}).status_code == 302
    assert TOTPDevice.objects.filter(user=supervisor).exists()  # no reason, no reset
    assert client.post(url, {"reason": "手機遺失，已當面核對身分"}).status_code == 302
    assert not TOTPDevice.objects.filter(user=supervisor).exists()
    assert not StaticToken.objects.filter(device__user=supervisor).exists()
    event = AuditEvent.objects.get(verb="two_factor_reset")
    assert event.actor == compliance and event.target == supervisor
    assert "手機遺失" in event.message


def test_reset_needs_the_permission(supervisor, clerk):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        controls.two_factor_reset(actor=clerk, user=supervisor, reason="x")


def test_renewing_recovery_codes_replaces_them(client_for, supervisor):
    two_factor_device(supervisor)
    old = controls._new_recovery_codes(supervisor)
    client = client_for(supervisor)
    response = client.post(CODES)
    assert response.status_code == 302
    new = client.get(response["Location"]).context["codes"]
    assert len(new) == 10 and not set(new) & set(old)
    assert AuditEvent.objects.filter(verb="two_factor_codes_renewed").count() == 1
    page = client.get("/confidentiality/two-factor/")
    assert page.context["enrolled"] and page.context["codes_left"] == 10
