"""Every replacement in core.speedups gives what the upstream code gives, on realistic inputs.

When an upgrade of Django or django-tables2 changes upstream's output, a test here fails (not
a page): bring the replacement in line, or measure it again and drop it.
"""

import datetime as dt
import itertools
import random
from decimal import Decimal

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.forms.renderers import TemplatesSetting
from django.template import Context, Template, TemplateDoesNotExist
from django.test import RequestFactory
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from core import speedups
from core.forms import BootstrapFormRenderer
from core.models import Notification
from core.tables import NotificationTable
from customers.models import Customer, CustomerTag
from customers.tables import ROLE_COLUMNS, CustomerTable
from org.models import Team
from tests.customers.factories import id_number, make_customer

pytestmark = pytest.mark.django_db


# --- table rows: django-tables2's own loop ------------------------------------------------

# django-tables2's loop (its table.html), which core/table.html replaces by body_html.
REFERENCE = Template(
    "{% for row in table.paginated_rows %}"
    "<tr {{ row.attrs.as_html }}>{% for column, cell in row.items %}"
    "<td {{ column.attrs.td.as_html }}>{{ cell }}</td>{% endfor %}</tr>"
    "{% if not forloop.last %}\n{% endif %}{% endfor %}"
)


def reference_rows(table):
    return REFERENCE.render(Context({"table": table}))


def paginated(table_class, data, **kwargs):
    table = table_class(data, **kwargs)
    table.paginate(page=1, per_page=25)
    return table


@pytest.fixture
def customer_rows(salesperson, clerk):
    tags = [
        CustomerTag.objects.create(name="高淨值", colour="danger"),
        CustomerTag.objects.create(name="<i>轉介</i>", colour="info"),
    ]
    make_customer(salesperson, tags=tags, needs=("life",), grade="vip")
    make_customer(
        salesperson, actor=clerk, kind="company", name="Acme & Sons", contact_person="王經理"
    )
    archived = make_customer(salesperson, actor=clerk, name="<b>舊檔</b>")
    Customer.objects.filter(pk=archived.pk).update(archived=True, archived_on=dt.date.today())
    return Customer.objects.select_related("owner", "clerk", "team").prefetch_related("tags")


def test_customer_rows_match(customer_rows):
    table = paginated(CustomerTable, customer_rows, order_by="name")
    ours = str(table.body_html())
    assert ours == reference_rows(paginated(CustomerTable, customer_rows, order_by="name"))
    assert "&lt;b&gt;舊檔&lt;/b&gt;" in ours  # escaped
    assert '<span class="badge text-bg-danger">高淨值</span>' in ours  # tags from the record
    assert "&lt;i&gt;轉介&lt;/i&gt;" in ours
    assert '<tr class="text-muted ' in ours  # the row style of an archived file


@pytest.mark.parametrize("role", sorted(ROLE_COLUMNS))
@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_customer_rows_match_for_each_roles_columns(customer_rows, role, language):
    """The columns each role's list shows, in both languages (choice labels translated)."""
    exclude = [name for name in CustomerTable.base_columns if name not in ROLE_COLUMNS[role]]
    with translation.override(language):
        ours = str(paginated(CustomerTable, customer_rows, exclude=exclude).body_html())
        theirs = reference_rows(paginated(CustomerTable, customer_rows, exclude=exclude))
    assert ours == theirs
    assert ours.count("<tr ") == 3


def test_rows_with_callable_row_attrs_match(salesperson):
    for i in range(3):
        Notification.objects.create(recipient=salesperson, title=f"Note {i}", body="x")
    request = RequestFactory().get("/")
    data = Notification.objects.all()
    ours = str(paginated(NotificationTable, data, request=request).body_html())
    assert ours == reference_rows(paginated(NotificationTable, data, request=request))
    assert "fw-semibold" in ours


@pytest.mark.parametrize(
    "value",
    [
        "a < b & 'c' \"d\"",
        "",
        mark_safe("<b>ok</b>"),
        12,
        3.5,
        None,
        gettext_lazy("Yes"),
        dt.date(2026, 1, 2),
    ],
)
def test_fast_escaping_matches_django(value):
    from django.template.base import render_value_in_context
    from django.utils.html import conditional_escape

    assert speedups.esc(value) == conditional_escape(value)
    context = Context(autoescape=True)
    assert speedups.cell_html(value, context) == render_value_in_context(value, context)


# --- <select>: Django's select templates ---------------------------------------------------

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


def test_list_page_filter_form_is_djangos(manager, salesperson):
    """The customer list's filter form (choices, model choices, translated labels) as a
    whole: every select in it is built in Python, and the result is Django's markup."""
    from customers.filters import CustomerFilterSet

    make_customer(salesperson)
    request = RequestFactory().get("/", {"stage": "customer"})
    request.user = manager
    form = CustomerFilterSet(request.GET, request=request).form
    with translation.override("zh-hant"):
        ours = form.render(renderer=BootstrapFormRenderer())
        django = form.render(renderer=TemplatesSetting())
    assert ours == django
    assert ours.count("<select") >= 8


def test_a_custom_option_template_goes_through_templates():
    class Custom(forms.Select):
        option_template_name = "django/forms/widgets/select_option.html "

    with pytest.raises(TemplateDoesNotExist):  # (the name has a trailing space)
        Custom(choices=CHOICES).render("f", "a", renderer=BootstrapFormRenderer())


# --- model drop-downs: Django's (and django-filter's) own iterator --------------------------


def upstream_choices(field):
    """The field's choices as its own class's iterator gives them (Django's or django-filter's)."""
    return [(str(value), str(label)) for value, label in type(field).iterator(field)]


def choices(field):
    return [(str(value), str(label)) for value, label in field.choices]


def upstream_html(form, name):
    """The field rendered with its class's own iterator."""
    field = form.fields[name]
    ours = field.iterator
    field.iterator = type(field).iterator
    field.widget.choices = field.choices
    try:
        return str(form[name])
    finally:
        field.iterator = ours
        field.widget.choices = field.choices


def test_model_choices_read_in_one_plain_query(team_a, team_b):
    """A model drop-down (Django's or django-filter's) reads its choices with one plain
    SELECT: no server-side cursor (DECLARE/FETCH/CLOSE on PostgreSQL), nothing cached on the
    field's queryset, the same choices as Django's iterator, with the object for the widget."""
    import django_filters
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    class TeamFilter(django_filters.FilterSet):
        team = django_filters.ModelChoiceFilter(
            queryset=Team.objects.order_by("code"), null_label="(none)"
        )

        class Meta:
            model = Team
            fields = ["team"]

    fields = [
        forms.ModelChoiceField(queryset=Team.objects.order_by("code")),
        forms.ModelMultipleChoiceField(queryset=Team.objects.order_by("code")),
        TeamFilter({}).form.fields["team"],
    ]
    for field in fields:
        speedups.read_choices_in_one_query(field)
        with CaptureQueriesContext(connection) as ctx:
            ours = choices(field)
        assert [q["sql"].split()[0] for q in ctx.captured_queries] == ["SELECT"]
        assert ours == upstream_choices(field)
        assert (str(team_a.pk), str(team_a)) in ours
        assert field.queryset._result_cache is None
        value = next(v for v, _label in field.choices if str(v) == str(team_a.pk))
        assert value.instance == team_a  # the widget still gets the object
    assert ("null", "(none)") in choices(fields[2])  # django-filter's null choice kept


@pytest.mark.parametrize("persona", ["manager", "clerk", "salesperson"])
def test_list_filter_drop_downs_are_djangos_and_remembered(persona, personas):
    """The customer list's filter drop-downs (salespeople in the user's scope, teams, tags):
    Django's choices and markup; the second request reads none of them again."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from customers.filters import CustomerFilterSet

    CustomerTag.objects.create(name="<b>VIP</b>")
    user = personas[persona]
    request = RequestFactory().get("/")
    request.user = user
    names = ("owner", "team", "tags")
    form = CustomerFilterSet({}, request=request).form
    first = {name: choices(form.fields[name]) for name in names}
    for name in names:
        assert first[name] == upstream_choices(form.fields[name])
        assert str(form[name]) == upstream_html(form, name)
    again = CustomerFilterSet({}, request=request).form
    with CaptureQueriesContext(connection) as ctx:
        assert {name: choices(again.fields[name]) for name in names} == first
    assert len(ctx.captured_queries) == 0


def test_form_drop_downs_are_djangos(clerk, salesperson):
    """A project form's model drop-downs (the new customer form: salespeople, tags)."""
    from customers.forms import CustomerForm

    CustomerTag.objects.create(name="轉介")
    form = CustomerForm(user=clerk)
    model_fields = [n for n, f in form.fields.items() if isinstance(f, forms.ModelChoiceField)]
    assert model_fields
    for name in model_fields:
        field = form.fields[name]
        assert issubclass(field.iterator, speedups.ChoicesInOneQuery)
        assert choices(field) == upstream_choices(field)
        assert str(form[name]) == upstream_html(form, name)


# --- model validation: Django's verdicts ---------------------------------------------------


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    "condition, values, expected",
    [
        (Q(a=1), {"a": 1}, True),
        (Q(a=1), {"a": 2}, False),
        (Q(a=1), {"a": None}, None),  # NULL = 1 is unknown
        (Q(a=None), {"a": None}, True),  # exact None is IS NULL
        (Q(a__isnull=False), {"a": 0}, True),
        (Q(a__lte=100), {"a": 100}, True),
        (Q(a__lt=100), {"a": 100}, False),
        (Q(a__gte=1) & Q(a__lte=3), {"a": 4}, False),
        (Q(a=False) | Q(b__isnull=False), {"a": True, "b": None}, False),
        (Q(a=False) | Q(b__isnull=False), {"a": True, "b": "2026-01-01"}, True),
        (~Q(a=""), {"a": ""}, False),
        (~Q(a=1), {"a": None}, None),  # NOT unknown is unknown
        (Q(a=1) | Q(b=1), {"a": None, "b": 1}, True),  # unknown OR true
        (Q(a=1) & Q(b=1), {"a": None, "b": 0}, False),  # unknown AND false
        (Q(a__in=[1, 2]), {"a": 3}, False),
        (Q(a__in=[1, None]), {"a": 3}, None),
    ],
)
def test_three_valued_evaluation(condition, values, expected):
    assert speedups.evaluate(condition, values) is expected


@pytest.mark.parametrize(
    "condition",
    [Q(a=F("b")), Q(a__startswith="x"), Q(c=1), Q(a__b__c=1)],
)
def test_what_needs_the_database_is_refused(condition):
    with pytest.raises(speedups.Unsupported):
        speedups.evaluate(condition, {"a": 1, "b": 2})


def _sample_value(field):
    """A plausible non-null value of ``field``'s type."""
    if isinstance(field, models.ForeignKey):
        return 1
    if isinstance(field, models.BooleanField):
        return True
    if isinstance(field, models.DateTimeField):
        return dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC)
    if isinstance(field, models.DateField):
        return dt.date(2026, 1, 2)
    if isinstance(field, models.DecimalField):
        return Decimal("12.50")
    if isinstance(field, (models.IntegerField, models.FloatField)):
        return 3
    if field.choices:
        return field.choices[0][0]
    return "x"


def _candidates(model, leaves):
    """Per field named in a condition: the values at and around each lookup's boundary."""
    values = {}
    for key, rhs in leaves:
        name, _, lookup = key.partition("__")
        field = model._meta.get_field(name)
        found = values.setdefault(name, {_sample_value(field)})
        if field.null:
            found.add(None)
        if field.choices:
            found.update(value for value, _label in field.flatchoices)
        for value in rhs if lookup == "in" else [rhs]:
            if isinstance(value, bool) or lookup == "isnull":
                if isinstance(field, models.BooleanField):
                    found.update((True, False))
            elif isinstance(value, (int, Decimal)):
                found.update((value - 1, value, value + 1))
            elif isinstance(value, dt.date):
                found.update((value - dt.timedelta(days=1), value, value + dt.timedelta(days=1)))
            elif isinstance(value, str):
                found.update((value, value + "x", ""))
    return {name: sorted(found, key=repr) for name, found in values.items()}


def _combinations(model, condition):
    leaves = list(speedups._leaves(condition))
    candidates = _candidates(model, leaves)
    names = sorted(candidates)
    combos = list(itertools.product(*(candidates[n] for n in names)))
    if len(combos) > 150:
        combos = random.Random(0).sample(combos, 150)
    for combo in combos:
        yield dict(zip(names, combo, strict=True))


def _instance(model, values):
    instance = model()
    for name, value in values.items():
        setattr(instance, model._meta.get_field(name).attname, value)
    return instance


def _simple(constraint):
    try:
        leaves = list(speedups._leaves(constraint.condition))
    except speedups.Unsupported:
        return False
    return not any(hasattr(rhs, "resolve_expression") for _key, rhs in leaves)


def _project_constraints(kind):
    found = []
    for model in apps.get_models():
        if model.__module__.split(".")[0] in ("django", "guardian", "simple_history", "axes"):
            continue
        for constraint in model._meta.constraints:
            if isinstance(constraint, kind) and constraint.condition and _simple(constraint):
                found.append(pytest.param(model, constraint, id=constraint.name))
    return found


@pytest.mark.parametrize("model, constraint", _project_constraints(models.CheckConstraint))
def test_check_constraints_give_djangos_verdict(model, constraint):
    """Every check constraint of the project, on the values at its boundaries: the Python
    evaluation refuses exactly what Django's own validate() (a query) refuses."""
    verdicts = set()
    for values in _combinations(model, constraint.condition):
        instance = _instance(model, values)
        try:
            constraint.validate(model, instance)
            django_refuses = False
        except ValidationError:
            django_refuses = True
        try:
            handled = speedups.check_constraint_in_python(constraint, model, instance)
            we_refuse = False
        except ValidationError as exc:
            handled, we_refuse = True, True
            assert exc.messages == [str(constraint.get_violation_error_message())]
        assert handled, f"{constraint.name}: not evaluated in Python for {values}"
        assert we_refuse == django_refuses, f"{constraint.name} on {values}"
        verdicts.add(django_refuses)
    assert verdicts == {True, False}  # the values reach both sides of the boundary


@pytest.mark.parametrize("model, constraint", _project_constraints(models.UniqueConstraint))
def test_unique_constraint_conditions_give_djangos_verdict(model, constraint):
    """Every conditional unique constraint's condition, on the values at its boundaries:
    where the Python evaluation decides whether the constraint applies, the database agrees
    (Django asks it ``SELECT 1 WHERE condition``)."""
    verdicts = set()
    for values in _combinations(model, constraint.condition):
        instance = _instance(model, values)
        ours = speedups.evaluate(constraint.condition, values)
        if ours is None:  # unknown: left to Django's own validate()
            continue
        against = instance._get_field_expression_map(meta=model._meta)
        assert ours == Q(constraint.condition).check(against), f"{constraint.name} on {values}"
        verdicts.add(ours)
    assert verdicts == {True, False}


def test_check_constraints_fail_with_their_message_and_no_query(
    salesperson, django_assert_num_queries
):
    customer = make_customer(salesperson, id_type="prc_id", id_number=id_number())
    customer.archived = True  # an archived file needs its date
    customer.completeness = 120
    # one query: the ID-number uniqueness (the two check constraints need none)
    with django_assert_num_queries(1), pytest.raises(ValidationError) as exc:
        customer.validate_constraints()
    messages = exc.value.messages
    assert "An archived file needs the date it was archived." in messages
    assert "Completeness is a percentage." in messages


def test_conditional_unique_constraint_is_still_checked(salesperson):
    first = make_customer(salesperson, id_type="prc_id", id_number=id_number())
    second = Customer(name="Twin", id_type=first.id_type, id_number=first.id_number)
    second.id_number_hash = first.id_number_hash
    with pytest.raises(ValidationError) as exc:
        second.validate_constraints()
    assert exc.value.messages == ["A customer with this ID number is already on file."]
    # Django's own loop says the same
    with pytest.raises(ValidationError) as django:
        models.Model.validate_constraints(second)
    assert django.value.message_dict == exc.value.message_dict
    # the file itself, saved again, is not its own duplicate
    first.validate_constraints()
    models.Model.validate_constraints(first)


def test_conditional_unique_constraint_skips_rows_outside_its_condition(
    salesperson, django_assert_num_queries
):
    make_customer(salesperson)
    blank = Customer(name="No number", id_number="")
    blank.id_number_hash = ""
    with django_assert_num_queries(0):  # no ID number: the condition does not apply
        blank.validate_constraints()
    models.Model.validate_constraints(blank)  # nor does Django's loop refuse it


def test_foreign_keys_loaded_from_the_database_are_not_looked_up(
    salesperson, django_assert_num_queries
):
    customer = make_customer(salesperson)
    customer = Customer.objects.select_related("owner", "clerk", "team").get(pk=customer.pk)
    with django_assert_num_queries(0):
        customer.clean_fields()
    models.Model.clean_fields(customer)  # Django's own, with the lookups: also valid
    # a bare id is still checked, and a wrong one is refused
    customer.owner_id = 999_999
    with pytest.raises(ValidationError) as exc:
        customer.clean_fields()
    assert "owner" in exc.value.error_dict


def test_a_loaded_foreign_key_that_is_required_and_missing_is_still_refused(salesperson):
    customer = Customer.objects.select_related("owner").get(pk=make_customer(salesperson).pk)
    customer.owner = None
    assert "owner" not in speedups.loaded_foreign_keys(customer)
    with pytest.raises(ValidationError) as exc:
        customer.clean_fields()
    with pytest.raises(ValidationError) as django:
        models.Model.clean_fields(customer)
    assert exc.value.message_dict == django.value.message_dict
