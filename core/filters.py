"""FilterSet base with a free-text ``q``, and the frame's own filters."""

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import i18n, sensitive
from core.forms import style_widget
from core.models import AccessLog, AuditEvent, ExportLog
from core.speedups import read_choices_in_one_query


class BaseFilterSet(django_filters.FilterSet):
    """``q`` searches ``search_fields``; every widget styled like the forms."""

    search_fields = ()
    q = django_filters.CharFilter(method="search", label=_("Search"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        for field in self.form.fields.values():
            style_widget(field)
            if (
                user is not None
                and user.is_authenticated
                and hasattr(getattr(field, "queryset", None), "visible_to")
            ):
                field.queryset = field.queryset.visible_to(user)
            if isinstance(field, forms.ModelChoiceField):
                # Every list page draws these drop-downs: remembered while unchanged.
                read_choices_in_one_query(field, remember=True)

    def describe(self):
        """The filters in use as (label, shown value) pairs, for people: an export's
        information sheet says "Team: Team A", not "team: 3"."""
        if not self.is_bound or not self.form.is_valid():
            return []
        pairs = []
        for name, field in self.form.fields.items():
            value = self.form.cleaned_data.get(name)
            if hasattr(value, "model"):  # a queryset of chosen records
                value = list(value)
            if value in (None, "", [], ()):
                continue
            pairs.append((str(field.label or name), _shown(field, value)))
        return pairs

    def search(self, queryset, name, value):
        value = value.strip()
        if not value or not self.search_fields:
            return queryset
        q = Q()
        for f in self.search_fields:
            q |= Q(**{f"{f}__icontains": value})
        return queryset.filter(q)


def _shown(field, value):
    """A cleaned filter value as the filter form shows it."""
    from core.templatetags.core_tags import ymd

    if isinstance(value, (list, tuple)):
        return ", ".join(_shown(field, v) for v in value)
    if isinstance(value, slice):  # range filters
        return " – ".join(_shown(field, v) for v in (value.start, value.stop) if v is not None)
    if hasattr(value, "pk"):
        return str(value)
    if isinstance(field, forms.ChoiceField) and not hasattr(field, "queryset"):
        choices = {str(k): v for k, v in field.choices if not isinstance(v, (list, tuple))}
        if str(value) in choices:
            return str(choices[str(value)])
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if hasattr(value, "isoformat"):
        return ymd(value)
    return str(value)


class DateRangeFilterMixin(django_filters.FilterSet):
    date_from = django_filters.DateFilter(
        field_name="when",
        lookup_expr="date__gte",
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        field_name="when",
        lookup_expr="date__lte",
        label=_("To"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


def record_type_choices(model):
    """(content type id, the model's name) of the kinds of record ``model``'s log names, in
    one query, sorted by name."""

    def choices():
        ids = model.objects.exclude(content_type=None).values_list("content_type", flat=True)
        types = ContentType.objects.filter(pk__in=ids.distinct())
        named = []
        for ct in types:
            model_class = ct.model_class()
            name = model_class._meta.verbose_name if model_class else ct.model
            named.append((ct.pk, str(name)[:1].upper() + str(name)[1:]))
        return sorted(named, key=lambda pair: pair[1])

    return choices


def verb_label(verb):
    """An audit event's verb in words, in the reader's language (core.i18n's names)."""
    return i18n.verb_label(verb)


class LogFilterSet(DateRangeFilterMixin, BaseFilterSet):
    """A compliance log's filters: a full ID number, mobile or account typed in the search
    finds the rows that searched for it, by its keyed digest (core.sensitive)."""

    def search(self, queryset, name, value):
        wanted = sensitive.search_digest(value)
        if wanted and hasattr(queryset.model, "search_digests"):
            return queryset.filter(search_digests__contains=wanted)
        return super().search(queryset, name, value)


def _filter_user(queryset, name, value):
    """The rows of one user: typed by login name (exact) or a part of the full name, or given
    by number in a link. A log names everyone who ever signed in, too many for a drop-down."""
    value = (value or "").strip()
    if not value:
        return queryset
    wanted = Q(user__username__iexact=value) | Q(user__full_name__icontains=value)
    if value.isdigit():
        wanted |= Q(user_id=int(value))
    return queryset.filter(wanted)


class AccessLogFilterSet(LogFilterSet):
    search_fields = ("object_repr", "user__username", "user__full_name", "field", "ip_address")
    user = django_filters.CharFilter(label=_("User"), method=_filter_user)
    content_type = django_filters.ChoiceFilter(
        label=_("Record type"), choices=record_type_choices(AccessLog)
    )
    object_id = django_filters.CharFilter(label=_("Record number"))
    ip_address = django_filters.CharFilter(label=_("IP address"), lookup_expr="startswith")

    class Meta:
        model = AccessLog
        fields = [
            "q",
            "user",
            "action",
            "content_type",
            "object_id",
            "ip_address",
            "date_from",
            "date_to",
        ]


class ExportLogFilterSet(LogFilterSet):
    search_fields = ("what", "user__username", "user__full_name", "purpose")
    file_format = django_filters.ChoiceFilter(
        label=_("Format"), choices=[("xlsx", _("Excel")), ("pdf", _("PDF"))]
    )
    clear_values = django_filters.BooleanFilter(
        label=_("Clear sensitive values"),
        widget=forms.Select(choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))]),
    )

    user = django_filters.CharFilter(label=_("User"), method=_filter_user)

    class Meta:
        model = ExportLog
        fields = ["q", "user", "file_format", "clear_values", "date_from", "date_to"]


def _verb_choices():
    """The events recorded so far, by their names in the reader's language (one query)."""
    verbs = AuditEvent.objects.order_by().values_list("verb", flat=True).distinct()
    return sorted(((verb, verb_label(verb)) for verb in verbs), key=lambda pair: pair[1])


class AuditEventFilterSet(LogFilterSet):
    search_fields = ("message", "verb", "actor__username", "actor__full_name")
    verb = django_filters.ChoiceFilter(
        label=pgettext_lazy("audit event", "Event"), choices=_verb_choices
    )
    content_type = django_filters.ChoiceFilter(
        label=_("Record type"), choices=record_type_choices(AuditEvent)
    )

    class Meta:
        model = AuditEvent
        fields = ["q", "verb", "content_type", "date_from", "date_to"]
