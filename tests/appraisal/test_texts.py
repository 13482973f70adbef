"""Appraisal's audit events and notifications are stored as texts (core.i18n) and read in
each reader's language; its audit verbs and its reminder job have names; its company
settings are typed in with the widget of their kind and keep their stored format."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from appraisal import rules, services
from appraisal.models import Stage
from appraisal.scoring import Grade
from core import i18n, jobs, params
from core.models import AuditEvent, Notification, Parameter

from .factories import make_template, open_round, walk_to

pytestmark = pytest.mark.django_db


def _in(language, func):
    with translation.override(language):
        return func()


def test_an_appraisal_event_and_notification_read_in_zh_hant_and_english(hr, personas):
    make_template(hr, "salesperson")
    round_ = open_round(hr)  # October 2026: every deadline has passed
    appraisal = round_.appraisals.get(employee__user=personas["salesperson"])
    walk_to(
        appraisal,
        "interview",
        employee=personas["salesperson"],
        supervisor=personas["supervisor"],
        hr=hr,
    )
    appraisal.refresh_from_db()
    grade = Grade(appraisal.grade)
    grade_en = _in("en", lambda: str(grade.label))
    grade_zh = _in("zh-hant", lambda: str(grade.label))

    # the consolidation: score, grade and the late note, one row
    event = AuditEvent.objects.get(verb="consolidated")
    assert event.message_text["t"] == "%(message)s (late: due %(day)s)"
    due = round_.due_for(Stage.HR)
    assert _in("en", event.get_message_display) == (
        f"Consolidated: {appraisal.final_score}, {grade_en}. (late: due {due.isoformat()})"
    )
    chinese = _in("zh-hant", event.get_message_display)
    assert grade_zh in chinese and grade_zh != grade_en
    assert str(appraisal.final_score) in chinese and due.isoformat() in chinese
    assert grade_en not in chinese and "late" not in chinese
    assert _in("en", lambda: i18n.verb_label(event.verb)) == "Appraisal consolidated"
    assert re.search(r"[\u4e00-\u9fff]", _in("zh-hant", lambda: i18n.verb_label(event.verb)))

    # the round's opening notification: the round's name and the date, in the reader's words
    note = Notification.objects.get(dedupe_key=f"appraisal-open:{appraisal.pk}")
    title_en = _in("en", note.get_title_display)
    assert title_en == "Your appraisal is open: 2026-10 monthly appraisal"
    assert _in("en", note.get_body_display) == f"Self-assessment due {round_.self_due}."
    title_zh = _in("zh-hant", note.get_title_display)
    assert "2026-10" in title_zh and "monthly" not in title_zh and "考核" in title_zh
    assert str(round_.self_due) in _in("zh-hant", note.get_body_display)
    assert "due" not in _in("zh-hant", note.get_body_display)

    # a late reminder names the stage by its label in the reader's language
    assert services.reminders_send(round_=round_, late_only=True) >= 1
    reminder = Notification.objects.get(
        recipient=personas["supervisor"], dedupe_key__startswith="appraisal-remind:"
    )
    assert _in("en", reminder.get_title_display).startswith("Late: Feedback interview of ")
    assert "Late" not in _in("zh-hant", reminder.get_title_display)


def test_the_reminder_job_has_a_name_in_words():
    name = "appraisal.send_appraisal_reminders"
    assert _in("en", lambda: jobs.name_in_words(name)) == "Appraisal reminders"
    assert re.search(r"[\u4e00-\u9fff]", _in("zh-hant", lambda: jobs.name_in_words(name)))


def test_every_appraisal_setting_is_edited_with_its_widget_and_keeps_its_format(
    superuser, client_for, settings
):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    client = client_for(superuser)
    posted = {
        rules.WINDOW_DAYS: ("12", 12),
        rules.STAGE_DAYS: ("2, 5, 9", [2, 5, 9]),
        rules.SUPERVISOR_SHARE: ("60", "60"),
        rules.GRADE_BANDS: ("92, 82, 72, 62", [92, 82, 72, 62]),
        rules.REMINDER_LEAD: ("2", 2),
        rules.COEFFICIENTS: ("1.3, 1.1, 1.0, 0.8, 0.4", ["1.3", "1.1", "1.0", "0.8", "0.4"]),
        rules.PROMOTION_STREAK: ("4", 4),
        rules.WEAK_ITEM_SCORE: ("55", 55),
        rules.MANAGER_ASSESSOR: ("manager", "manager"),
    }
    mine = [k for k, d in params.definitions().items() if d.group == "appraisal"]
    assert sorted(mine) == sorted(posted)
    for key, (typed, stored) in posted.items():
        url = reverse("core:parameter_edit", args=[key])
        html = client.get(url).content.decode()
        assert 'name="value"' in html, key
        assert client.post(url, {"value": typed}).status_code == 302, key
        assert Parameter.objects.get(key=key).value == stored, key
    assert params.get(rules.SUPERVISOR_SHARE) == Decimal(60)
    assert params.get(rules.COEFFICIENTS)[0] == "1.3"
    assert rules.coefficient("excellent") == Decimal("1.3")
    assert [code for _min, code in rules.bands()][0] == "excellent"
    # out of bounds: refused, nothing stored
    url = reverse("core:parameter_edit", args=[rules.SUPERVISOR_SHARE])
    refused = client.post(url, {"value": "120"})
    assert refused.status_code == 200 and refused.context["form"].errors["value"]
    assert params.get(rules.SUPERVISOR_SHARE) == Decimal(60)
    html = client.get(reverse("core:parameter_list")).content.decode()
    assert "1.3, 1.1, 1.0, 0.8, 0.4" in html
