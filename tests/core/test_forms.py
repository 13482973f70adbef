"""The form renderer's Python-built selects give exactly Django's template markup."""

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.template import TemplateDoesNotExist

from core.forms import BootstrapFormRenderer
from org.models import Team

pytestmark = pytest.mark.django_db

CHOICES = [
    ("", "—"),
    ("a", "Plain"),
    ("b", 'Quotes " & <tags>'),
    ("Group one", [("c", "Inside"), ("d", "Also inside")]),
    (3, 1234567),
]


def both(widget, name, value, attrs=None):
    """The widget rendered by the project's renderer and by Django's own templates."""
    ours = widget.render(name, value, attrs=attrs, renderer=BootstrapFormRenderer())
    django = widget.render(name, value, attrs=attrs, renderer=TemplatesSetting())
    return ours, django


@pytest.mark.parametrize(
    "widget, value",
    [
        (forms.Select(choices=CHOICES), "b"),
        (forms.Select(choices=CHOICES, attrs={"class": "form-select", "disabled": True}), 3),
        (forms.Select(choices=CHOICES, attrs={"required": False, "data-x": "1<2"}), None),
        (forms.SelectMultiple(choices=CHOICES), ["a", "d"]),
        (forms.NullBooleanSelect(), True),
    ],
)
def test_select_markup_is_djangos(widget, value):
    ours, django = both(widget, "field", value, attrs={"id": "id_field"})
    assert ours == django
    assert "<option" in ours


def test_model_choices_markup_is_djangos():
    Team.objects.create(name="一組 <north>", code="N1")
    Team.objects.create(name="二組", code="N2")
    field = forms.ModelChoiceField(queryset=Team.objects.order_by("name"))
    ours, django = both(field.widget, "team", Team.objects.first().pk)
    assert ours == django
    assert "一組 &lt;north&gt;" in ours


def test_a_custom_option_template_goes_through_templates():
    class Custom(forms.Select):
        option_template_name = "django/forms/widgets/select_option.html "

    with pytest.raises(TemplateDoesNotExist):  # (the name has a trailing space)
        Custom(choices=CHOICES).render("f", "a", renderer=BootstrapFormRenderer())


def test_model_choices_read_in_one_plain_query(team_a, team_b):
    """Model drop-downs (Django's and django-filter's) read their choices with one plain
    SELECT: no server-side cursor (DECLARE/FETCH/CLOSE on PostgreSQL), nothing cached on the
    field's queryset, the same choices as before."""
    import django_filters
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    class TeamFilter(django_filters.FilterSet):
        team = django_filters.ModelChoiceFilter(queryset=Team.objects.order_by("code"))

        class Meta:
            model = Team
            fields = ["team"]

    fields = [
        forms.ModelChoiceField(queryset=Team.objects.order_by("code")),
        TeamFilter({}).form.fields["team"],
    ]
    for field in fields:
        with CaptureQueriesContext(connection) as ctx:
            choices = [(str(value), str(label)) for value, label in field.choices]
        assert choices[1:] == [(str(t.pk), str(t)) for t in (team_a, team_b)]
        assert choices[0][0] == ""
        assert [q["sql"].split()[0] for q in ctx.captured_queries] == ["SELECT"]
        assert field.queryset._result_cache is None
        value = next(v for v, _label in field.choices if v)
        assert value.instance == team_a  # the widget still gets the object
