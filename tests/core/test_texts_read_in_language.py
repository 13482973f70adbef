"""More texts stored as a message id and parameters and read in the reader's language
(core.i18n): a job's progress message, a report's scope and period in its notifications, a
promotion requirement in training's audit events, and reference names kept in Chinese and
English (insurers, products, customer tags) shown in the English interface and in Simplified
characters in Simplified Chinese."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_noop

from core import i18n, jobs
from core.i18n import Text
from core.models import AuditEvent, Notification, TaskRun
from core.periods import Period
from customers import services as customer_services
from customers.models import CustomerTag
from reports import services as report_services
from reports.models import ReportSnapshot
from sales.models import Insurer, Product
from tests.customers.factories import make_customer
from tests.training.factories_quals import make_plan
from training import services as training_services

pytestmark = pytest.mark.django_db

LANGUAGES = ("zh-hant", "zh-hans", "en")


def _in(language, func):
    with translation.override(language):
        return func()


def _all(func):
    return {language: _in(language, func) for language in LANGUAGES}


# --- a job's progress message ---------------------------------------------------------------


def test_a_jobs_progress_message_reads_in_each_language(salesperson):
    run = jobs.run_start(name="customer_import", user=salesperson)
    with translation.override("en"):  # written by an English reader's request
        jobs.set_progress(
            run,
            40,
            Text(
                gettext_noop("%(handled)s of %(total)s records handled"),
                {"handled": 200, "total": 500},
            ),
        )
    run.refresh_from_db()
    assert run.progress == 40
    assert run.message_text["t"] == "%(handled)s of %(total)s records handled"
    assert run.message == "已處理 200 / 500 筆"  # the plain copy: the company's language
    assert _all(run.get_message_display) == {
        "zh-hant": "已處理 200 / 500 筆",
        "zh-hans": "已处理 200 / 500 条",
        "en": "200 of 500 records handled",
    }


def test_a_message_saved_as_text_then_as_plain_text_and_older_rows(salesperson):
    run = jobs.run_start(name="customer_import", user=salesperson)
    run.message = Text(gettext_noop("Finished."))
    run.save()
    run.refresh_from_db()
    assert run.message == "已完成。" and run.message_text == {"t": "Finished."}
    assert _in("en", run.get_message_display) == "Finished."
    # A plain message (an error as raised) replaces the text: never the stale one.
    run.message = "OperationalError: server closed the connection"
    run.save(update_fields=["message"])
    run.refresh_from_db()
    assert run.message_text is None
    assert _in("en", run.get_message_display) == "OperationalError: server closed the connection"
    # A row written before texts were stored reads as stored.
    TaskRun.objects.filter(pk=run.pk).update(message="舊的訊息", message_text=None)
    run.refresh_from_db()
    assert _all(run.get_message_display) == dict.fromkeys(LANGUAGES, "舊的訊息")


def test_waiting_and_finished_are_texts_and_the_job_page_reads_in_english(salesperson, client_for):
    run = jobs.run_start(name="customer_import", user=salesperson)
    jobs.queue_tracked(type("T", (), {"delay": staticmethod(lambda *a, **k: None)}), run=run)
    run.refresh_from_db()
    assert run.message_text == {"t": "Waiting for a worker…"}
    client = client_for(salesperson)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(run.get_absolute_url()).content.decode()
    assert "Waiting for a worker…" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    assert "等待" in client.get(run.get_absolute_url()).content.decode()


def test_a_bulk_runs_summary_names_the_action_in_the_readers_language(supervisor):
    from core import bulk

    result = {
        "label": "改派給業務員",
        "code": "reassign",
        "list_name": "customers:customer_list",
        "done": 9,
        "total": 10,
        "refused_count": 1,
    }
    text = bulk.summary(result)
    assert text.as_json()["p"]["label"] == {"bulk": ["customers:customer_list", "reassign"]}
    english = _in("en", lambda: str(text))
    assert english == "Reassign to a salesperson: 9 of 10 records changed, 1 refused."
    assert "Reassign" not in _in("zh-hant", lambda: str(text))


# --- a report's scope and period in its notifications ---------------------------------------


def _snapshot(scope_key, scope_label, user):
    return ReportSnapshot.objects.create(
        period_kind="month",
        period_start=dt.date(2026, 3, 1),
        period_end=dt.date(2026, 4, 1),
        scope_key=scope_key,
        scope_label=scope_label,
        generation=1,
        generated_by=user,
    )


def test_a_report_notification_names_the_team_and_period_in_each_language(supervisor, team_a):
    team_a.name = "北區業務組"
    team_a.name_en = "North sales team"
    team_a.save()
    # The requester worked in English: the stored label is English, the notice is not.
    snapshot = _snapshot(f"team:{team_a.pk}", "North sales team", supervisor)
    report_services._announce(snapshot, changed=True)
    note = Notification.objects.get(recipient=supervisor)
    assert note.title_text["t"] == "Your report is ready: %(report)s"
    titles = _all(note.get_title_display)
    assert titles["zh-hant"] == "您的報表已完成：北區業務組 2026-03"
    assert titles["zh-hans"] == "您的报表已生成：北区业务组 2026-03"
    assert titles["en"] == "Your report is ready: North sales team 2026-03"
    bodies = _all(note.get_body_display)
    assert bodies["zh-hant"].startswith("北區業務組，2026-03：")
    assert bodies["en"].startswith("North sales team, 2026-03: the Excel and PDF files")


def test_the_company_reports_scope_is_translated_and_a_period_reads_its_label(manager):
    snapshot = _snapshot("company", "Whole company", manager)
    report_services._announce(snapshot, changed=True)
    note = Notification.objects.get(recipient=manager)
    assert _in("zh-hant", note.get_title_display) == "您的報表已完成：全公司 2026-03"
    assert _in("en", note.get_title_display) == "Your report is ready: Whole company 2026-03"
    quarter = Period("quarter", dt.date(2026, 1, 1), dt.date(2026, 4, 1))
    text = Text(
        gettext_noop("%(scope)s %(period)s"), {"scope": "x", "period": i18n.period(quarter)}
    )
    assert text.as_json()["p"]["period"] == {"period": ["quarter", "2026-01-01", "2026-04-01"]}
    assert str(text) == "x 2026-Q1"


# --- training: a promotion requirement in the plan's audit events ---------------------------


def test_a_requirement_added_and_removed_reads_in_each_language(hr, salesperson):
    plan = make_plan(salesperson)
    step = plan.steps.get()
    with translation.override("en"):
        requirement = training_services.requirement_add(
            actor=hr, step=step, kind="tenure", months=24
        )
        training_services.requirement_remove(actor=hr, requirement=requirement)
    for verb in ("requirement_added", "requirement_removed"):
        event = AuditEvent.objects.get(verb=verb)
        assert event.message_text["p"]["requirement"]["t"] == (
            "At least %(months)d months with the company"
        )
        assert _all(event.get_message_display) == {
            "zh-hant": "階段 1. 第 1 步：在公司至少 24 個月",
            "zh-hans": "阶段 1. 第 1 步：在公司至少 24 个月",
            "en": "Step 1. 第 1 步: At least 24 months with the company",
        }


# --- reference names in Chinese and English -------------------------------------------------


def _insurer():
    return Insurer.objects.create(name="平安人壽", name_en="Ping An Life", code="PAL")


def test_insurers_products_and_tags_are_named_in_the_readers_language():
    insurer = _insurer()
    product = Product.objects.create(
        insurer=insurer,
        code="CI01",
        name="平安福重疾險",
        name_en="Ping An Fu Critical Illness",
        category="critical_illness",
        max_sum_insured=1000000,
    )
    tag = CustomerTag.objects.create(name="高淨值", name_en="High net worth")
    assert _all(lambda: str(insurer)) == {
        "zh-hant": "平安人壽",
        "zh-hans": "平安人寿",
        "en": "Ping An Life",
    }
    assert _in("en", lambda: str(product)) == "Ping An Life · Ping An Fu Critical Illness"
    assert _in("zh-hans", lambda: str(product)) == "平安人寿 · 平安福重疾险"
    assert _all(lambda: str(tag)) == {
        "zh-hant": "高淨值",
        "zh-hans": "高净值",
        "en": "High net worth",
    }
    # Without an English name the Chinese one is shown.
    plain = CustomerTag.objects.create(name="待回訪")
    assert _in("en", lambda: str(plain)) == "待回訪"
    # As a parameter of a stored text: the reader's name, not the writer's.
    text = Text(gettext_noop("Tag added: %(tag)s"), {"tag": tag})
    assert text.as_json()["p"]["tag"] == {"ref": "高淨值", "en": "High net worth"}
    assert _in("en", lambda: str(text)) == "Tag added: High net worth"
    assert _in("zh-hant", lambda: str(text)) == "已加上標籤：高淨值"
    product_text = Text(gettext_noop("Tag added: %(tag)s"), {"tag": product})
    assert "Ping An Life · Ping An Fu Critical Illness" in _in("en", lambda: str(product_text))


def test_a_tag_on_a_file_reads_in_each_language(salesperson):
    customer = make_customer(salesperson)
    tag = CustomerTag.objects.create(name="高淨值", name_en="High net worth")
    customer_services.customer_tag(actor=salesperson, customer=customer, tag=tag)
    event = AuditEvent.objects.get(verb="tagged")
    assert _in("en", event.get_message_display) == "Tag added: High net worth"
    assert _in("zh-hans", event.get_message_display) == "已加上标签：高净值"


def test_catalogue_and_tag_lists_show_the_name_in_the_readers_language(client_for, manager):
    _insurer()
    CustomerTag.objects.create(name="高淨值", name_en="High net worth")
    client = client_for(manager)
    pages = {}
    for language in LANGUAGES:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        pages[language] = (
            client.get(reverse("sales:insurer_list")).content.decode()
            + client.get(reverse("customers:customertag_list")).content.decode()
        )
    assert "Ping An Life" in pages["en"] and "High net worth" in pages["en"]
    assert "平安人寿" in pages["zh-hans"] and "高净值" in pages["zh-hans"]
    assert "平安人壽" in pages["zh-hant"] and "Ping An Life" not in pages["zh-hant"]
