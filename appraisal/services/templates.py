"""Templates: save a template and its items; check that a template can be used in a round."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.services import audit_event, require_permission, save_checked

from ..models import AppraisalTemplate, Dimension, TemplateItem


@transaction.atomic
def template_save(*, actor, template):
    """Create or change a template (name, position, kind, dimension weights)."""
    new = template.pk is None
    if new:
        if not actor.has_perm("appraisal.add_appraisaltemplate"):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied(_("You may not do this on this record."))
    else:
        require_permission(actor, template, "appraisal.change_appraisaltemplate")
    save_checked(template, actor)
    audit_event(
        actor=actor,
        verb="template_created" if new else "template_changed",
        target=template,
        message=str(template),
    )
    return template


@transaction.atomic
def template_item_save(*, actor, item):
    """Add or change an item of a template (its dimension, weight and scoring rule)."""
    require_permission(actor, item.template, "appraisal.change_appraisaltemplate")
    new = item.pk is None
    save_checked(item, actor)
    audit_event(
        actor=actor,
        verb="template_item_added" if new else "template_item_changed",
        target=item.template,
        message=item.label,
    )
    return item


@transaction.atomic
def template_item_remove(*, actor, item):
    template = item.template
    require_permission(actor, template, "appraisal.change_appraisaltemplate")
    label = item.label
    item.delete()
    audit_event(actor=actor, verb="template_item_removed", target=template, message=label)


def template_problems(template, items=None):
    """What keeps a template from being used in a round: a dimension with weight but no
    items, or items whose weights do not add up to 100 (messages, empty when usable)."""
    items = list(template.items.all()) if items is None else items
    problems = []
    for code, weight in template.dimension_weights().items():
        mine = [i for i in items if i.dimension == code]
        if weight and not mine:
            problems.append(
                _("%(dimension)s has a weight but no items.") % {"dimension": Dimension(code).label}
            )
        total = sum((i.weight for i in mine), Decimal(0))
        if mine and total != 100:
            problems.append(
                _("The items of %(dimension)s weigh %(total)s%% together, not 100%%.")
                % {"dimension": Dimension(code).label, "total": total.normalize()}
            )
    return problems


def check_template(template, items=None):
    problems = template_problems(template, items)
    if problems:
        raise ValidationError(
            [
                _("Template %(name)s: %(problem)s") % {"name": template, "problem": p}
                for p in problems
            ]
        )


def usable_templates(kind):
    """The active templates of ``kind`` with their items (two queries)."""
    return list(AppraisalTemplate.objects.filter(kind=kind, active=True).prefetch_related("items"))


__all__ = [
    "TemplateItem",
    "check_template",
    "template_item_remove",
    "template_item_save",
    "template_problems",
    "template_save",
    "usable_templates",
]
