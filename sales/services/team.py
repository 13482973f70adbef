"""Targets, tasks and meetings: the team's work set by its supervisor."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.i18n import Text
from core.permissions import perm_name
from core.services import audit_event, notify, save_checked

from ..models import (
    SalesTarget,
    SalesTask,
)

# --- targets and team work -----------------------------------------------------------------


def leads_team(user, team):
    return user.is_superuser or (team is not None and team.supervisor_id == user.pk)


@transaction.atomic
def target_set(*, actor, team, month, user=None, premium=0, new_policies=0, visits=0):
    """Set (create or change) a monthly target; only the supervisor of ``team`` may."""
    if not leads_team(actor, team) or not actor.has_perm(perm_name(SalesTarget, "add")):
        raise PermissionDenied(_("Only the team's supervisor sets its targets."))
    if user is not None:
        employee = getattr(user, "employee", None)
        if employee is None or employee.team_id != team.pk:
            raise ValidationError({"user": _("%(name)s is not in this team.") % {"name": user}})
    month = month.replace(day=1)
    target = SalesTarget.objects.filter(team=team, user=user, month=month).first() or SalesTarget(
        team=team, user=user, month=month
    )
    target.premium = premium
    target.new_policies = new_policies
    target.visits = visits
    target.set_by = actor
    return save_checked(target, actor)


def _require_leads(actor, team):
    if not leads_team(actor, team):
        raise PermissionDenied(_("Only the team's supervisor may do this."))


@transaction.atomic
def task_assign(*, actor, team, assignee, title, due_date, description="", meeting=None):
    """A supervisor assigns a task to a member of their team; the assignee is notified."""
    _require_leads(actor, team)
    employee = getattr(assignee, "employee", None)
    if employee is None or employee.team_id != team.pk:
        raise ValidationError({"assignee": _("%(name)s is not in this team.") % {"name": assignee}})
    task = SalesTask(
        team=team,
        assignee=assignee,
        assigned_by=actor,
        title=title,
        due_date=due_date,
        description=description,
        meeting=meeting,
    )
    save_checked(task, actor)
    notify(
        recipient=assignee,
        title=Text(gettext_noop("New task: %(title)s"), {"title": title}),
        url=task.get_absolute_url(),
        dedupe_key=f"salestask:{task.pk}",
    )
    return task


@transaction.atomic
def task_set_status(*, actor, task, status):
    """The assignee (or the team's supervisor) marks a task done, cancelled or open again."""
    if task.assignee_id != actor.pk and not leads_team(actor, task.team):
        raise PermissionDenied(_("Only the assignee or the supervisor may change this task."))
    if status not in SalesTask.Status.values:
        raise ValidationError(_("Unknown status."))
    task.status = status
    task.done_at = timezone.now() if status == SalesTask.Status.DONE else None
    return save_checked(task, actor)


@transaction.atomic
def task_reassign(*, actor, task, assignee, reason=""):
    """The team's supervisor gives an open task to another member of the team; recorded,
    and the new assignee is told."""
    _require_leads(actor, task.team)
    if task.status != SalesTask.Status.OPEN:
        raise ValidationError(_("Only an open task is reassigned."))
    if assignee.pk == task.assignee_id:
        raise ValidationError({"assignee": _("The task is already assigned to this person.")})
    employee = getattr(assignee, "employee", None)
    if employee is None or employee.team_id != task.team_id:
        raise ValidationError({"assignee": _("%(name)s is not in this team.") % {"name": assignee}})
    old = task.assignee
    task.assignee = assignee
    task._change_reason = reason or _("Reassigned")
    save_checked(task, actor)
    audit_event(
        actor=actor,
        verb="task_reassigned",
        target=task,
        message=Text(
            gettext_noop("Task reassigned from %(old)s to %(new)s"), {"old": old, "new": assignee}
        ),
        data={"from": old.pk, "to": assignee.pk, "reason": reason},
    )
    notify(
        recipient=assignee,
        title=Text(gettext_noop("New task: %(title)s"), {"title": task.title}),
        url=task.get_absolute_url(),
        dedupe_key=f"salestask:{task.pk}:{assignee.pk}",
    )
    return task


@transaction.atomic
def meeting_save(*, actor, meeting, attendees=None):
    """Record (or correct) a team meeting; only the team's supervisor may."""
    _require_leads(actor, meeting.team)
    if not meeting.chaired_by_id:
        meeting.chaired_by = actor
    save_checked(meeting, actor)
    if attendees is not None:
        meeting.attendees.set(attendees)
    return meeting
