"""Company settings are typed in with the widget of their declared kind: product categories
ticked by name (not a text of internal codes), yes/no as a checkbox, days and numbers as
number inputs with their bounds, a choice as a select; every setting says what it does, and
the complaint deadlines are listed by severity, lowest first."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from aftersales import rules as aftersales_rules
from core import params
from core.forms import ParameterForm
from core.models import Parameter
from training import rules as training_rules
from underwriting import rules as uw_rules

pytestmark = pytest.mark.django_db

MODE = params.define(
    "tests.delivery_mode",
    "post",
    "Delivery mode",
    "How contracts are sent",
    kind=params.CHOICE,
    choices=[("post", "By post"), ("hand", "By hand")],
)


@pytest.fixture(autouse=True)
def _no_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def _edit_url(key):
    return reverse("core:parameter_edit", args=[key])


def test_product_categories_are_ticked_by_name_and_stored_as_before(superuser, client_for):
    client = client_for(superuser)
    html = client.get(_edit_url(uw_rules.COOLING_OFF_CATEGORIES)).content.decode()
    boxes = re.findall(r'<input type="checkbox" name="value" value="([a-z_]+)"[^>]*>', html)
    assert set(boxes) >= {"life", "critical_illness", "medical", "accident", "property"}
    assert "重大疾病險" in html  # the category by its name
    assert "life, critical_illness" not in html  # never the codes as text
    checked = re.findall(r'name="value" value="([a-z_]+)"[^>]*checked', html)
    assert set(checked) == {"life", "critical_illness", "medical", "annuity", "education"}

    response = client.post(
        _edit_url(uw_rules.COOLING_OFF_CATEGORIES), {"value": ["life", "accident"]}
    )
    assert response.status_code == 302
    # the stored value keeps its format: a list of category codes
    assert Parameter.objects.get(key=uw_rules.COOLING_OFF_CATEGORIES).value == ["life", "accident"]
    assert params.get(uw_rules.COOLING_OFF_CATEGORIES) == ["life", "accident"]

    refused = client.post(_edit_url(uw_rules.COOLING_OFF_CATEGORIES), {"value": ["pets"]})
    assert refused.status_code == 200 and refused.context["form"].errors["value"]
    assert params.get(uw_rules.COOLING_OFF_CATEGORIES) == ["life", "accident"]


def test_a_value_stored_in_the_old_text_format_still_reads(superuser):
    params.set_value(aftersales_rules.FOLLOW_UP_CATEGORIES, "life, medical", actor=superuser)
    assert params.get(aftersales_rules.FOLLOW_UP_CATEGORIES) == ["life", "medical"]
    definition = params.definitions()[aftersales_rules.FOLLOW_UP_CATEGORIES]
    form = ParameterForm(definition=definition, initial={"value": ["life", "medical"]})
    checked = re.findall(r'name="value" value="([a-z_]+)"[^>]*checked', str(form["value"]))
    assert checked == ["life", "medical"]


def test_a_yes_no_setting_is_a_checkbox(superuser, client_for):
    key = training_rules.BLOCK_PROPOSALS_ON_EXPIRED_LICENCE
    client = client_for(superuser)
    html = client.get(_edit_url(key)).content.decode()
    assert re.search(r'<input type="checkbox" name="value"[^>]*class="form-check-input"', html)
    assert client.post(_edit_url(key), {"value": "on"}).status_code == 302
    assert params.get(key) is True
    assert client.post(_edit_url(key), {}).status_code == 302  # unticked
    assert params.get(key) is False


def test_days_and_rates_are_number_inputs_with_their_bounds(superuser, client_for):
    client = client_for(superuser)
    html = client.get(_edit_url(uw_rules.COOLING_OFF_DAYS)).content.decode()
    assert re.search(r'<input type="number" name="value" value="15"[^>]*min="0"', html)
    refused = client.post(_edit_url(uw_rules.COOLING_OFF_DAYS), {"value": "-3"})
    assert refused.status_code == 200 and refused.context["form"].errors["value"]
    assert params.get(uw_rules.COOLING_OFF_DAYS) == 15

    html = client.get(_edit_url(uw_rules.RENEWAL_COMMISSION)).content.decode()
    assert re.search(r'<input type="number" name="value" value="0.05"[^>]*step="any"', html)
    assert client.post(_edit_url(uw_rules.RENEWAL_COMMISSION), {"value": "0.07"}).status_code == 302
    assert params.get(uw_rules.RENEWAL_COMMISSION) == Decimal("0.07")
    refused = client.post(_edit_url(uw_rules.RENEWAL_COMMISSION), {"value": "7"})
    assert refused.status_code == 200  # a share, at most 1


def test_a_choice_setting_is_a_select(superuser, client_for):
    client = client_for(superuser)
    html = client.get(_edit_url(MODE.key)).content.decode()
    assert re.search(r'<select name="value"[^>]*>', html) and "By hand" in html
    assert client.post(_edit_url(MODE.key), {"value": "hand"}).status_code == 302
    assert params.get(MODE.key) == "hand"
    assert client.post(_edit_url(MODE.key), {"value": "drone"}).status_code == 200
    assert params.get(MODE.key) == "hand"


def test_reset_to_the_default_ignores_the_value_typed(superuser, client_for):
    client = client_for(superuser)
    params.set_value(uw_rules.COOLING_OFF_DAYS, 20, actor=superuser)
    response = client.post(_edit_url(uw_rules.COOLING_OFF_DAYS), {"value": "", "reset": "on"})
    assert response.status_code == 302 and params.get(uw_rules.COOLING_OFF_DAYS) == 15


def test_the_settings_page_reads_in_words_and_in_order(manager, client_for):
    html = client_for(manager).get(reverse("core:parameter_list")).content.decode()
    # categories by their names, days with their unit
    row = re.search(r'id="param-underwriting-cooling_off_categories">(.*?)</tr>', html, re.S)
    assert "壽險、重大疾病險、醫療險、年金險、教育金" in row.group(1)
    assert "critical_illness" not in row.group(1)
    assert "15 天" in re.search(
        r'id="param-underwriting-cooling_off_days">(.*?)</tr>', html, re.S
    ).group(1)
    # complaint deadlines from the lowest severity to the highest
    positions = [
        html.index(f'id="param-{aftersales_rules.ack_key(s).replace(".", "-")}"')
        for s in aftersales_rules.SEVERITIES
    ]
    assert positions == sorted(positions)
    # the settings of each app under the app's name
    assert "售後服務" in html or "After-sales" in html


def test_every_setting_declares_its_kind_and_says_what_it_does():
    for key, definition in params.definitions().items():
        if key.startswith("tests."):
            continue
        assert definition.declared_kind in params.KINDS, key
        assert str(definition.help_text).strip(), key
    categories = params.definitions()[aftersales_rules.FOLLOW_UP_CATEGORIES]
    assert categories.kind == params.MULTIPLE_CHOICE
    assert "critical_illness" in [code for code, _label in categories.choice_list()]
