"""Confidentiality's audit events and notifications are stored as texts and read in each
reader's language from the same row; its verbs have names."""

import datetime as dt

import pytest
from django.utils import translation

from confidentiality import services
from core.i18n import verb_label
from core.models import AuditEvent, Notification
from tests.customers.factories import give_consent, make_customer

from .factories import make_agreement, make_breach, make_version

pytestmark = pytest.mark.django_db


def _in(language, read):
    with translation.override(language):
        return str(read())


def test_an_audit_event_and_a_notification_read_in_each_language(hr, salesperson, compliance):
    agreement = make_agreement(salesperson, hr, version=make_version("2026-01"), signed=False)
    note = Notification.objects.get(recipient=salesperson)
    assert note.title_text["t"] == "Please sign your confidentiality agreement (%(version)s)"
    assert _in("zh-hant", note.get_title_display) == "請簽署您的保密協議（2026-01）"
    assert (
        _in("en", note.get_title_display) == "Please sign your confidentiality agreement (2026-01)"
    )
    assert _in("zh-hant", note.get_body_display) == "請將簽署後的協議交回人事。"
    assert _in("en", note.get_body_display) == "Return the signed agreement to HR."
    assert AuditEvent.objects.get(verb="agreement_issued", object_id=str(agreement.pk))

    customer = make_customer(salesperson)
    consent = give_consent(customer, "financial")
    day = dt.date.today()
    services.consent_withdraw(actor=salesperson, consent=consent, withdrawn_on=day)
    event = AuditEvent.objects.get(verb="consent_withdrawn", object_id=str(customer.pk))
    # the choice is kept as its code and the date as a date, labelled when read
    assert event.message_text["p"]["kind"] == {
        "choice": "confidentiality.sensitiveconsent.kind",
        "v": "financial",
    }
    assert (
        _in("zh-hant", event.get_message_display) == f"保存金融賬戶的同意已於 {day:%Y-%m-%d} 撤回"
    )
    assert _in("en", event.get_message_display) == (
        f"Consent to keeping Financial account withdrawn on {day:%Y-%m-%d}"
    )

    breach = make_breach(salesperson, compliance, severity="serious")
    event = AuditEvent.objects.get(verb="breach_recorded", object_id=str(breach.pk))
    assert _in("zh-hant", event.get_message_display).endswith("嚴重")
    assert _in("en", event.get_message_display).endswith("Serious")


def test_confidentiality_verbs_have_names():
    for verb in ("agreement_signed", "consent_recorded", "breach_closed"):
        assert _in("zh-hant", lambda v=verb: verb_label(v)) != _in(
            "en", lambda v=verb: verb_label(v)
        )
    assert _in("zh-hant", lambda: verb_label("agreement_signed")) == "保密協議已簽署"
