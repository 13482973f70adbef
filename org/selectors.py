"""Reads of the organisation shared by views, forms and other apps: restricted, prefetched
querysets of employees and teams."""

from django.db.models import Count

from .models import CalendarDay, Employee, Team


def employee_list():
    """Employees with what a list row or the detail page shows (the view restricts them)."""
    return Employee.objects.select_related("team", "grade", "user")


def team_list():
    """Teams with their supervisor and head count, by code (the view restricts them)."""
    return (
        Team.objects.select_related("supervisor")
        .annotate(member_count=Count("members", distinct=True))
        .order_by("code")
    )


def team_detail():
    """Teams with their supervisor and clerks, for the team page."""
    return Team.objects.select_related("supervisor").prefetch_related("clerks")


def team_members(*, user, team):
    """The members of ``team`` that ``user`` may see, with their grade."""
    return Employee.objects.visible_to(user).filter(team=team).select_related("grade")


def calendar_day_list():
    """The calendar's days, by date (the view restricts them)."""
    return CalendarDay.objects.order_by("day")
