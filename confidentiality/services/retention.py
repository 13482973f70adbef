"""Retention and destruction: the retention schedule (compliance edits it, history kept), the
daily listing of records past their period (idempotent), batches proposed by one person and
approved by another, and the destruction itself through these services — files removed from
storage, records deleted or anonymised down to the legal minimum — each leaving a line in
the destruction register. Nothing is ever deleted silently."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import DateField, Exists, Max, OuterRef, Q
from django.db.models.deletion import ProtectedError
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.i18n import Text, choice
from core.services import audit_event, save_checked, saved_by

from ..models import (
    DestructionBatch,
    DestructionCandidate,
    DestructionRecord,
    DocumentKind,
    RetentionRule,
)

# The schedule a company starts from (years; the periods are edited on the schedule page).
DEFAULT_SCHEDULE = {
    DocumentKind.SALES_FILE_LONG: (10, "銷售檔案：長期保單終止後保存10年"),
    DocumentKind.SALES_FILE_SHORT: (5, "銷售檔案：短期保單終止後保存5年"),
    DocumentKind.PROSPECT_FILE: (3, "未成交客戶檔案：歸檔後保存3年"),
    DocumentKind.CLAIM_FILE: (10, "理賠檔案：結案後保存10年"),
    DocumentKind.VISIT_RECORD: (5, "拜訪記錄：拜訪後保存5年"),
}

MANAGE_PERM = "confidentiality.change_retentionrule"
PROPOSE_PERM = "confidentiality.add_destructionbatch"
APPROVE_PERM = "confidentiality.change_destructionbatch"


def _require(actor, perm):
    if not actor.has_perm(perm):
        raise PermissionDenied(_("You may not do this."))


def add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def schedule_ensure():
    """The retention schedule, with a row for every document kind (the defaults for new
    kinds; existing periods are left as compliance set them)."""
    existing = set(RetentionRule.objects.values_list("kind", flat=True))
    for kind, (years, note) in DEFAULT_SCHEDULE.items():
        if kind not in existing:
            RetentionRule.objects.create(kind=kind, years=years, note=note)
    return RetentionRule.objects.all()


@transaction.atomic
def retention_rule_update(*, actor, rule, years, active, note=""):
    """Compliance changes a retention period (the history keeps the earlier ones)."""
    _require(actor, MANAGE_PERM)
    rule = RetentionRule.objects.select_for_update().get(pk=rule.pk)
    old = rule.years
    rule.years, rule.active, rule.note = years, active, (note or "").strip()
    save_checked(rule, actor)
    audit_event(
        actor=actor,
        verb="retention_changed",
        target=rule,
        message=Text(
            gettext_noop("Retention of %(kind)s: %(old)s → %(new)s years"),
            {"kind": choice(RetentionRule, "kind", rule.kind), "old": old, "new": years},
        ),
    )
    return rule


# --- what each kind lists and how it is destroyed -------------------------------------------


@dataclass
class Destroyed:
    action: str
    files: list
    details: str
    kept: str


def _remove_file(field):
    """Delete a stored file; returns its name (or None when there was none)."""
    if not field:
        return None
    name = field.name
    field.storage.delete(name)
    return name


def _policy_end():
    return Coalesce("policies__end_date", Cast("policies__updated", DateField()))


def _sales_files(rules, today):
    from customers.models import Customer
    from underwriting.models import Policy

    long_rule = rules.get(DocumentKind.SALES_FILE_LONG)
    short_rule = rules.get(DocumentKind.SALES_FILE_SHORT)
    if long_rule is None and short_rule is None:
        return
    long_term = Policy.objects.filter(customer=OuterRef("pk")).filter(
        Q(term_years__isnull=True) | Q(term_years__gt=1)
    )
    in_force = Policy.objects.filter(customer=OuterRef("pk"), status=Policy.Status.IN_FORCE)
    customers = (
        Customer.objects.filter(policies__isnull=False)
        .annotate(last_end=Max(_policy_end()), long_term=Exists(long_term))
        .exclude(Exists(in_force))
        .order_by("pk")
    )
    for customer in customers:
        rule = long_rule if customer.long_term else short_rule
        if rule is None or customer.last_end is None:
            continue
        ends = add_years(customer.last_end, rule.years)
        if ends <= today:
            yield rule.kind, customer, ends


def _prospect_files(rule, today):
    from customers.models import Customer

    latest = add_years(today, -rule.years)
    for customer in Customer.objects.filter(
        archived=True, archived_on__lte=latest, policies__isnull=True
    ).order_by("pk"):
        yield rule.kind, customer, add_years(customer.archived_on, rule.years)


def _claim_files(rule, today):
    from aftersales.models import Claim

    latest = add_years(today, -rule.years)
    for claim in Claim.objects.filter(status=Claim.Status.CLOSED, closed_on__lte=latest).order_by(
        "pk"
    ):
        yield rule.kind, claim, add_years(claim.closed_on, rule.years)


def _visit_records(rule, today):
    from sales.models import Visit

    latest = add_years(today, -rule.years)
    for visit in Visit.objects.filter(starts_at__date__lte=latest).order_by("pk"):
        yield rule.kind, visit, add_years(timezone.localtime(visit.starts_at).date(), rule.years)


def _anonymise_customer(customer, actor):

    files = []
    for attachment in list(customer.attachments.all()):
        name = _remove_file(attachment.file)
        if name:
            files.append(name)
        attachment.delete()
    for member in customer.family.all():
        member.name = _("(destroyed)")
        member.id_number = ""
        member.birth_date = None
        member.occupation = ""
        saved_by(member, actor).save()
    customer.name = _("Destroyed file %(number)s") % {"number": customer.pk}
    for field in (
        "contact_person",
        "id_number",
        "mobile",
        "email",
        "street",
        "district",
        "occupation",
        "employer",
        "notes",
        "health_note",
    ):
        setattr(customer, field, "")
    customer.birth_date = None
    customer.referred_by = None
    customer.archived = True
    customer.archived_on = customer.archived_on or timezone.localdate()
    customer.archived_reason = _("Destroyed after its retention period")
    customer._change_reason = _("Destroyed after its retention period")
    saved_by(customer, actor).save()
    return Destroyed(
        DestructionRecord.Action.ANONYMISED,
        files,
        _(
            "Name, ID number, mobile, e-mail, address, notes, health note, family members' "
            "details and %(count)s attachments"
        )
        % {"count": len(files)},
        _("Policy numbers, premiums and dates (the insurer's and the tax records)"),
    )


def _destroy_claim(claim, actor):
    files = []
    for document in list(claim.documents.all()):
        name = _remove_file(document.file)
        if name:
            files.append(name)
        document.delete()
    claim.description = _("(destroyed)")
    claim.decision_note = ""
    claim.info_requested = ""
    claim._change_reason = _("Destroyed after its retention period")
    saved_by(claim, actor).save()
    return Destroyed(
        DestructionRecord.Action.ANONYMISED,
        files,
        _("Description, decision details and %(count)s claim papers") % {"count": len(files)},
        _("Claim type, dates and amounts"),
    )


def _destroy_visit(visit, actor):
    try:
        with transaction.atomic():
            visit.delete()
    except ProtectedError:
        visit.outcome = visit.participants = visit.location = visit.next_step = ""
        visit.purpose = _("(destroyed)")
        saved_by(visit, actor).save()
        return Destroyed(
            DestructionRecord.Action.ANONYMISED,
            [],
            _("Purpose, participants, place, outcome and next step"),
            _("Date and kind"),
        )
    return Destroyed(DestructionRecord.Action.DELETED, [], _("The visit record"), "")


def _model_of(kind):
    from aftersales.models import Claim
    from customers.models import Customer
    from sales.models import Visit

    return {
        DocumentKind.SALES_FILE_LONG: (Customer, _anonymise_customer),
        DocumentKind.SALES_FILE_SHORT: (Customer, _anonymise_customer),
        DocumentKind.PROSPECT_FILE: (Customer, _anonymise_customer),
        DocumentKind.CLAIM_FILE: (Claim, _destroy_claim),
        DocumentKind.VISIT_RECORD: (Visit, _destroy_visit),
    }[kind]


def _past_retention(today):
    rules = {r.kind: r for r in RetentionRule.objects.filter(active=True)}
    yield from _sales_files(rules, today)
    if DocumentKind.PROSPECT_FILE in rules:
        yield from _prospect_files(rules[DocumentKind.PROSPECT_FILE], today)
    if DocumentKind.CLAIM_FILE in rules:
        yield from _claim_files(rules[DocumentKind.CLAIM_FILE], today)
    if DocumentKind.VISIT_RECORD in rules:
        yield from _visit_records(rules[DocumentKind.VISIT_RECORD], today)


def retention_scan(*, today=None):
    """The daily job: list every record past its retention period as a destruction
    candidate. A record already listed (or destroyed) is not listed again, so running it
    twice adds nothing; returns ``{"listed": new, "total": open candidates}``."""
    today = today or timezone.localdate()
    schedule_ensure()
    types = {}
    known = {
        (ct, oid)
        for ct, oid in DestructionCandidate.objects.values_list("content_type_id", "object_id")
    }
    new = 0
    for kind, obj, ends in _past_retention(today):
        model = type(obj)
        if model not in types:
            types[model] = ContentType.objects.get_for_model(model)
        ct = types[model]
        if (ct.pk, obj.pk) in known:
            continue
        _, created = DestructionCandidate.objects.get_or_create(
            content_type=ct,
            object_id=obj.pk,
            defaults={"kind": kind, "object_repr": str(obj)[:200], "retention_ended_on": ends},
        )
        known.add((ct.pk, obj.pk))
        new += created
    total = DestructionCandidate.objects.exclude(status=DestructionCandidate.Status.DESTROYED)
    return {"listed": new, "total": total.count()}


# --- batches: proposed, approved by someone else, destroyed --------------------------------


def _next_number():
    year = timezone.localdate().year
    prefix = f"DS{year}-"
    last = (
        DestructionBatch.objects.filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    n = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{n:04d}"


@transaction.atomic
def destruction_propose(*, actor, candidates, reason=""):
    """Propose listed candidates for destruction as one batch, waiting for a second
    person's approval."""
    _require(actor, PROPOSE_PERM)
    ids = [c.pk for c in candidates]
    rows = list(
        DestructionCandidate.objects.select_for_update().filter(
            pk__in=ids, status=DestructionCandidate.Status.LISTED
        )
    )
    if not rows:
        raise ValidationError({"candidates": _("Choose records past retention to destroy.")})
    if len(rows) != len(set(ids)):
        raise ValidationError(
            {"candidates": _("Some of the chosen records are already proposed or destroyed.")}
        )
    batch = save_checked(
        DestructionBatch(number=_next_number(), reason=(reason or "").strip(), proposed_by=actor),
        actor,
    )
    for row in rows:
        row.status = DestructionCandidate.Status.PROPOSED
        row.batch = batch
        save_checked(row, actor)
    audit_event(
        actor=actor,
        verb="destruction_proposed",
        target=batch,
        message=Text(
            gettext_noop("Destruction batch %(number)s proposed: %(count)s records"),
            {"number": batch.number, "count": len(rows)},
        ),
    )
    return batch


@transaction.atomic
def destruction_reject(*, actor, batch, note):
    """The second person refuses the batch: its records go back to the list."""
    _require(actor, APPROVE_PERM)
    batch = DestructionBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != DestructionBatch.Status.PROPOSED:
        raise ValidationError(_("This batch is already decided."))
    if batch.proposed_by_id == actor.pk:
        raise PermissionDenied(_("The person who proposed a destruction cannot decide it."))
    if not (note or "").strip():
        raise ValidationError({"note": _("Say why the destruction is refused.")})
    batch.status = DestructionBatch.Status.REJECTED
    batch.decided_by, batch.decided_at = actor, timezone.now()
    batch.decision_note = note.strip()
    save_checked(batch, actor)
    for row in batch.candidates.all():
        row.status, row.batch = DestructionCandidate.Status.LISTED, None
        save_checked(row, actor)
    audit_event(
        actor=actor,
        verb="destruction_rejected",
        target=batch,
        message=Text(
            gettext_noop("Destruction batch %(number)s rejected: %(note)s"),
            {"number": batch.number, "note": batch.decision_note},
        ),
    )
    return batch


@transaction.atomic
def destruction_approve(*, actor, batch, note=""):
    """A second person approves the batch (never its proposer); it can then be destroyed."""
    _require(actor, APPROVE_PERM)
    batch = DestructionBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != DestructionBatch.Status.PROPOSED:
        raise ValidationError(_("This batch is already decided."))
    if batch.proposed_by_id == actor.pk:
        raise PermissionDenied(_("The person who proposed a destruction cannot approve it."))
    batch.status = DestructionBatch.Status.APPROVED
    batch.decided_by, batch.decided_at = actor, timezone.now()
    batch.decision_note = (note or "").strip()
    save_checked(batch, actor)
    audit_event(
        actor=actor,
        verb="destruction_approved",
        target=batch,
        message=Text(
            gettext_noop("Destruction batch %(number)s approved"), {"number": batch.number}
        ),
    )
    return batch


@transaction.atomic
def destruction_execute(*, actor, batch):
    """Destroy an approved batch: files removed from storage, records deleted or anonymised
    down to the legal minimum, one line each in the destruction register (what, when, by
    whom, approved by whom)."""
    _require(actor, PROPOSE_PERM)
    batch = DestructionBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != DestructionBatch.Status.APPROVED:
        raise ValidationError(_("Only an approved batch is destroyed."))
    now = timezone.now()
    files = 0
    rows = list(batch.candidates.select_related("content_type").order_by("pk"))
    for row in rows:
        model, destroy = _model_of(row.kind)
        obj = model._default_manager.filter(pk=row.object_id).first()
        if obj is None:
            done = Destroyed(DestructionRecord.Action.DELETED, [], _("Already gone"), "")
        else:
            done = destroy(obj, actor)
        files += len(done.files)
        save_checked(
            DestructionRecord(
                batch=batch,
                kind=row.kind,
                content_type=row.content_type,
                object_id=row.object_id,
                object_repr=row.object_repr,
                action=done.action,
                files_removed=len(done.files),
                details=done.details[:4000],
                kept=done.kept[:300],
                retention_ended_on=row.retention_ended_on,
                destroyed_at=now,
                destroyed_by=actor,
                approved_by=batch.decided_by,
            ),
            actor,
        )
        row.status = DestructionCandidate.Status.DESTROYED
        save_checked(row, actor)
    batch.status = DestructionBatch.Status.DESTROYED
    save_checked(batch, actor)
    audit_event(
        actor=actor,
        verb="destruction_done",
        target=batch,
        message=Text(
            gettext_noop(
                "Destruction batch %(number)s destroyed: %(count)s records, %(files)s files"
            ),
            {"number": batch.number, "count": len(rows), "files": files},
        ),
    )
    return batch
