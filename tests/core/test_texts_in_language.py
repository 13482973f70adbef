"""Notifications, audit descriptions and timelines are rendered when read, in the reader's
language, from a stored message id and parameters (core.i18n); older rows read as stored."""

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_noop

from core import i18n
from core.i18n import Text, choice
from core.models import AuditEvent, Notification
from core.roles import Role
from core.services import audit_event, notification_email, notify
from customers import services as customer_services
from customers.models import Customer
from sales.models import Opportunity
from sales.services import opportunity_transition
from tests.customers.factories import make_customer
from tests.factories import make_employee
from tests.sales.factories import make_opportunity

pytestmark = pytest.mark.django_db

LANGUAGES = ("zh-hant", "zh-hans", "en")


def _in(language, func):
    with translation.override(language):
        return func()


def _reader(client_for, user, language):
    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


# --- the deferred text ----------------------------------------------------------------------


def test_a_text_renders_in_each_language_with_nested_choice_and_model_names():
    text = Text(
        gettext_noop("%(name)s: stage %(from)s → %(to)s"),
        {
            "name": "王小明",
            "from": choice(Opportunity, "stage", "new"),
            "to": choice(Opportunity, "stage", "contacted"),
        },
    )
    stored = text.as_json()
    assert stored["t"] == "%(name)s: stage %(from)s → %(to)s"
    assert stored["p"]["to"] == {"choice": "sales.opportunity.stage", "v": "contacted"}
    assert _in("zh-hant", lambda: i18n.render(stored)) == "王小明：階段 新增 → 已聯繫"
    assert _in("zh-hans", lambda: i18n.render(stored)) == "王小明：阶段 新增 → 已联系"
    assert _in("en", lambda: i18n.render(stored)) == "王小明: stage New → Contacted"
    nested = Text(
        gettext_noop("Beneficiaries: %(list)s"), list=Text(gettext_noop("the legal heirs"))
    )
    assert "the legal heirs" in _in("en", lambda: str(nested))
    assert "the legal heirs" not in _in("zh-hant", lambda: str(nested))
    kind = i18n.model_name(Customer)
    assert _in("en", lambda: str(kind)) == "Customer"


def test_a_text_refuses_a_lazy_message_id_and_survives_a_bad_translation():
    from django.utils.translation import gettext_lazy

    with pytest.raises(TypeError):
        Text(gettext_lazy("Shared with %(name)s"))
    # A placeholder missing from the parameters: the sentence is still shown, not a 500.
    assert i18n.render({"t": "Shared with %(name)s", "p": {"other": "x"}}) == (
        "Shared with %(name)s"
    )


def test_verbs_have_names_in_each_language_and_unknown_verbs_read_as_words():
    assert _in("zh-hant", lambda: i18n.verb_label("stage_changed")) == "階段變更"
    assert _in("zh-hans", lambda: i18n.verb_label("stage_changed")) == "阶段变更"
    assert _in("en", lambda: i18n.verb_label("stage_changed")) == "Stage changed"
    assert _in("zh-hant", lambda: i18n.verb_label("needs_analysed")) == "已記錄需求分析"
    assert _in("zh-hant", lambda: i18n.verb_label("revoke")) == "已取消分享"
    assert i18n.verb_label("something_new") == "Something new"


# --- audit events and notifications written by services -------------------------------------


def test_a_stage_change_reads_in_each_readers_language(salesperson):
    customer = make_customer(salesperson, name="王小明")
    opportunity = make_opportunity(customer)
    translation.activate("en")  # the actor works in English: the row is not frozen in it
    try:
        opportunity_transition(opportunity=opportunity, to="contacted", actor=salesperson)
    finally:
        translation.deactivate()
    event = AuditEvent.objects.get(verb="stage_changed")
    assert event.message_text["t"] == "%(name)s: stage %(from)s → %(to)s"
    # The plain copy is in the company's language (search, raw readers).
    assert "已聯繫" in event.message
    texts = {lang: _in(lang, event.get_message_display) for lang in LANGUAGES}
    assert "階段" in texts["zh-hant"] and "已聯繫" in texts["zh-hant"]
    assert "阶段" in texts["zh-hans"] and "已联系" in texts["zh-hans"]
    assert "stage" in texts["en"] and "Contacted" in texts["en"]
    assert _in("en", event.get_verb_display) == "Stage changed"


def test_a_reassignment_event_and_notification_read_in_each_language(
    supervisor, salesperson, team_a
):
    other = make_employee(Role.SALESPERSON, team=team_a, username="colleague")
    customer = make_customer(salesperson, name="林美玲")
    customer_services.customer_reassign(actor=supervisor, customer=customer, owner=other)
    event = AuditEvent.objects.get(verb="reassigned")
    note = Notification.objects.get(recipient=other)
    assert note.title_text["t"] == "A customer file was handed to you: %(name)s"
    assert _in("zh-hant", note.get_title_display) == "有客戶檔案改派給您：林美玲"
    assert _in("zh-hans", note.get_title_display) == "有客户档案改派给您：林美玲"
    assert _in("en", note.get_title_display) == "A customer file was handed to you: 林美玲"
    assert _in("zh-hant", event.get_message_display).startswith("由 ")
    assert _in("zh-hans", event.get_message_display).endswith(str(other))
    assert _in("en", event.get_message_display).startswith("Reassigned from ")


def test_pages_show_the_notification_in_the_readers_language(client_for, salesperson):
    notify(
        recipient=salesperson,
        title=Text(gettext_noop("A customer file was shared with you: %(name)s"), name="張偉"),
        body=Text(gettext_noop("Due on %(date)s."), date="2026-12-01"),
        url="/",
    )
    expected = {
        "zh-hant": "有客戶檔案分享給您：張偉",
        "zh-hans": "有客户档案共享给您：張偉",
        "en": "A customer file was shared with you: 張偉",
    }
    for language in LANGUAGES:
        client = _reader(client_for, salesperson, language)
        want = _in(language, lambda: str(Notification.objects.get().get_title_display()))
        assert want == expected[language]
        for url in ("core:notification_list", "core:notification_menu", "home"):
            page = client.get(reverse(url)).content.decode()
            assert want in page, (language, url)
        listing = client.get(reverse("core:notification_list")).content.decode()
        assert _in(language, lambda: Notification.objects.get().get_body_display()) in listing
    others = {v for k, v in expected.items() if k != "en"}
    page = _reader(client_for, salesperson, "en").get(reverse("core:notification_list"))
    assert not any(text in page.content.decode() for text in others)


def test_legacy_plain_rows_are_shown_as_stored(client_for, salesperson, compliance):
    customer = make_customer(salesperson)
    audit_event(actor=salesperson, verb="created", target=customer, message="客戶檔案已建立")
    notify(recipient=salesperson, title="舊的通知", body="舊的內容")
    event = AuditEvent.objects.get(message="客戶檔案已建立")
    assert event.message_text is None
    for language in LANGUAGES:
        assert _in(language, event.get_message_display) == "客戶檔案已建立"
        page = _reader(client_for, salesperson, language).get(reverse("core:notification_list"))
        assert "舊的通知" in page.content.decode() and "舊的內容" in page.content.decode()
    page = _reader(client_for, compliance, "en").get(reverse("core:auditevent_list"))
    assert "客戶檔案已建立" in page.content.decode()


def test_the_mail_of_a_notification_is_in_the_companys_language(salesperson):
    salesperson.email = "sp@example.com"
    salesperson.save()
    note = notify(
        recipient=salesperson,
        title=Text(gettext_noop("A customer file was handed to you: %(name)s"), name="張偉"),
    )
    with translation.override("en"):  # whoever's request queued it
        notification_email(note)
    assert mail.outbox[-1].subject == "有客戶檔案改派給您：張偉"


def test_the_timeline_reads_in_the_readers_language(client_for, salesperson):
    customer = make_customer(salesperson, name="王小明")
    opportunity = make_opportunity(customer)
    opportunity_transition(opportunity=opportunity, to="contacted", actor=salesperson)
    url = reverse("customers:customer_timeline", args=[customer.pk])
    hant = _reader(client_for, salesperson, "zh-hant").get(url).content.decode()
    hans = _reader(client_for, salesperson, "zh-hans").get(url).content.decode()
    english = _reader(client_for, salesperson, "en").get(url).content.decode()
    assert "階段 新增 → 已聯繫" in hant
    assert "阶段 新增 → 已联系" in hans
    assert "stage New → Contacted" in english
    timeline = reverse("sales:opportunity_timeline", args=[opportunity.pk])
    assert "stage New → Contacted" in (
        _reader(client_for, salesperson, "en").get(timeline).content.decode()
    )


# --- the audit-event list ---------------------------------------------------------------------


def test_the_audit_list_names_events_links_records_and_filters(client_for, salesperson, compliance):
    customer = make_customer(salesperson, name="王小明")
    opportunity = make_opportunity(customer)
    opportunity_transition(opportunity=opportunity, to="contacted", actor=salesperson)
    page = _reader(client_for, compliance, "zh-hant").get(reverse("core:auditevent_list"))
    html = page.content.decode()
    assert page.status_code == 200
    for code in ("stage_changed</td>", ">created<", "Object id", ">Event<", ">Record type<"):
        assert code not in html
    assert "階段變更" in html and "：階段 新增 → 已聯繫" in html
    assert ">開啟</a>" in html and "待處理" not in html  # the link, not the status "open"
    assert '<label class="form-label" for="id_verb">事件</label>' in html
    assert f'href="{opportunity.get_absolute_url()}"' in html
    assert f'href="{customer.get_absolute_url()}"' in html
    # The filters: events by name, record types by their names, in the reader's language.
    assert '<option value="stage_changed">階段變更</option>' in html
    form = page.context["filter"].form if "filter" in page.context else None
    assert form is not None
    type_names = dict(form.fields["content_type"].choices)
    assert "銷售機會" in type_names.values() and "客戶" in type_names.values()

    rows = _reader(client_for, compliance, "zh-hant").get(
        reverse("core:auditevent_list"), {"verb": "stage_changed"}
    )
    assert {e.verb for e in rows.context["table"].data} == {"stage_changed"}
    opportunity_type = next(k for k, v in type_names.items() if v == "銷售機會")
    rows = _reader(client_for, compliance, "zh-hant").get(
        reverse("core:auditevent_list"), {"content_type": opportunity_type}
    )
    assert {e.object_id for e in rows.context["table"].data} == {str(opportunity.pk)}

    english = _reader(client_for, compliance, "en").get(reverse("core:auditevent_list"))
    html = english.content.decode()
    assert "Stage changed" in html and ": stage New → Contacted" in html
    assert "階段變更" not in html


def test_the_audit_list_export_is_in_words(client_for, salesperson, compliance):
    from io import BytesIO

    from openpyxl import load_workbook

    customer = make_customer(salesperson, name="王小明")
    opportunity_transition(
        opportunity=make_opportunity(customer), to="contacted", actor=salesperson
    )
    response = _reader(client_for, compliance, "zh-hans").get(
        reverse("core:auditevent_list"), {"export": "xlsx"}
    )
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(BytesIO(content)).worksheets[0]
    cells = {str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None}
    assert "阶段变更" in cells and "stage_changed" not in cells
    assert any("阶段 新增 → 已联系" in c for c in cells)


# --- query counts -------------------------------------------------------------------------------


def _count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _events(actor, n):
    customer = make_customer(actor)
    for i in range(n):
        audit_event(
            actor=actor,
            verb="stage_changed" if i % 2 else "reassigned",
            target=customer,
            message=Text(
                gettext_noop("%(name)s: stage %(from)s → %(to)s"),
                {
                    "name": f"客戶{i}",
                    "from": choice(Opportunity, "stage", "new"),
                    "to": choice(Opportunity, "stage", "contacted"),
                },
            ),
        )


# The frame (session, user, unread count), the verbs in use, the record types in use, the
# total and the page of events (with their actors and content types).
AUDIT_LIST_QUERIES = 7
# The frame (session, user, unread count), the count and the page of notifications.
NOTIFICATION_LIST_QUERIES = 5


def test_the_audit_list_costs_the_same_for_2_and_50_events(
    client_for, salesperson, compliance, django_assert_num_queries
):
    client = _reader(client_for, compliance, "zh-hant")
    url = reverse("core:auditevent_list") + "?per_page=100"
    _events(salesperson, 2)
    few = _count(client, url)
    _events(salesperson, 48)
    assert _count(client, url) == few
    client.get(url)
    with django_assert_num_queries(AUDIT_LIST_QUERIES):
        client.get(url)


def test_the_notification_list_costs_the_same_for_2_and_50(
    client_for, salesperson, django_assert_num_queries
):
    client = _reader(client_for, salesperson, "zh-hans")
    url = reverse("core:notification_list")

    def send(n):
        for i in range(n):
            notify(
                recipient=salesperson,
                title=Text(gettext_noop("New task: %(title)s"), title=f"任務{i}"),
                body=Text(gettext_noop("Due on %(date)s."), date="2026-12-01"),
            )

    send(2)
    few = _count(client, url)
    send(23)
    assert _count(client, url) == few
    client.get(url)
    with django_assert_num_queries(NOTIFICATION_LIST_QUERIES):
        client.get(url)
