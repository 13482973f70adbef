"""Factories shared by every app's tests."""

import datetime as dt
import itertools

from core.roles import Role
from org import services as org_services
from org.models import Team

_seq = itertools.count(1)


def make_team(code=None, name=None, supervisor=None, clerks=()):
    n = next(_seq)
    team = Team.objects.create(
        code=code or f"T{n}", name=name or f"Team {n}", supervisor=supervisor
    )
    if clerks:
        team.clerks.add(*clerks)
    return team


def make_employee(position, *, team=None, username=None, name=None, actor=None, **extra):
    """A login plus its employee record, in the role group of ``position``."""
    n = next(_seq)
    employee = org_services.employee_create(
        actor=actor,
        username=username or f"{position}{n}",
        password="Test-Password-2026",
        employee_no=f"T{n:05d}",
        name=name or f"{Role(position).label} {n}",
        position=position,
        team=team,
        hire_date=extra.pop("hire_date", dt.date(2020, 1, 1)),
        **extra,
    )
    return employee.user
