"""A customer's own data, for the customer: the file and every record kept under it (family,
needs, cover, attachments, opportunities, visits, applications, policies, claims,
complaints, follow-ups, renewals, service requests, consents, requests), one sheet each, with
clear values (it is their data). Built from the models' fields, so a field added to any of
them is exported too."""

import io

from django.db import models
from django.utils.translation import gettext as _

from core import exports
from core.templatetags.core_tags import ymd

# Technical columns that say nothing to the customer.
SKIPPED = {"id", "customer", "completeness", "missing_fields"}


def _fields(model):
    for field in model._meta.concrete_fields:
        name = field.name
        if (
            name in SKIPPED
            or name.endswith(("_hash", "_key"))
            or not field.editable
            and (name not in ("created", "updated"))
        ):
            continue
        yield field


def _value(obj, field):
    if field.choices:
        return str(getattr(obj, f"get_{field.name}_display")())
    value = getattr(obj, field.name)
    if value is None:
        return ""
    if isinstance(field, models.ForeignKey):
        return str(value)
    if isinstance(field, models.FileField):
        return value.name.rsplit("/", 1)[-1] if value else ""
    if isinstance(field, models.BooleanField):
        return _("Yes") if value else _("No")
    if isinstance(field, (models.DateField, models.DateTimeField)):
        return ymd(value)
    if isinstance(field, models.JSONField):
        return str(value)
    return value


def _title(model):
    name = str(model._meta.verbose_name_plural)
    return name[:1].upper() + name[1:]


def _related_models(customer):
    from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

    for rel in type(customer)._meta.related_objects:
        model = rel.related_model
        if not rel.one_to_many or model is type(customer):
            continue
        if issubclass(model, (UserObjectPermissionBase, GroupObjectPermissionBase)):
            continue
        yield model, rel.field.name


def customer_sheets(customer):
    """The sheets of ``customer``'s data: the file (field, value), then one sheet per kind of
    record kept under it, with a row per record."""
    file_rows = [
        (str(f.verbose_name).capitalize(), _value(customer, f)) for f in _fields(type(customer))
    ]
    file_rows.append((_("Tags"), "、".join(t.name for t in customer.tags.all())))
    sheets = [
        exports.Sheet(
            _("Customer file"),
            [exports.Column(_("Field"), width=24), exports.Column(_("Value"), width=60)],
            file_rows,
        )
    ]
    for model, fk in _related_models(customer):
        fields = list(_fields(model))
        related = [f.name for f in fields if isinstance(f, models.ForeignKey)]
        rows = [
            tuple(_value(obj, f) for f in fields)
            for obj in model._default_manager.filter(**{fk: customer})
            .select_related(*related)
            .order_by("pk")
        ]
        if not rows:
            continue
        sheets.append(
            exports.Sheet(
                _title(model),
                [exports.Column(str(f.verbose_name).capitalize(), width=18) for f in fields],
                rows,
            )
        )
    return sheets


def customer_workbook(customer, *, user):
    """``(bytes, rows)``: the customer's data as an Excel workbook stamped for ``user``."""
    out = io.BytesIO()
    rows = exports.write_workbook(
        out,
        customer_sheets(customer),
        user=user,
        title=_("Data kept on %(customer)s") % {"customer": customer},
    )
    return out.getvalue(), rows


def customer_pdf(customer, *, user):
    """``(bytes, rows)``: the same data as a PDF for the customer (each record a block of
    field and value, Chinese in the CJK font), stamped for ``user``."""
    sheets = customer_sheets(customer)
    shown = []
    rows = 0
    for number, sheet in enumerate(sheets):
        titles = [str(c.header) for c in sheet.columns]
        records = [list(zip(titles, row, strict=False)) for row in sheet.rows]
        rows += len(sheet.rows)
        shown.append(
            {
                "title": sheet.title,
                "rows": sheet.rows if number == 0 else [],
                "records": records,
            }
        )
    content = exports.render_pdf(
        "confidentiality/pdf/customer_data.html",
        {"sheets": shown},
        user=user,
        title=_("Data kept on %(customer)s") % {"customer": customer},
    )
    return content, rows
