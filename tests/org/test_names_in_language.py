"""Teams and grades are named in the reader's language: the English name in English (the
Chinese one when none is given), Simplified characters in Simplified Chinese."""

import pytest
from django.utils import translation

from org.models import Grade, Team

pytestmark = pytest.mark.django_db


def test_team_and_grade_names_follow_the_language():
    team = Team.objects.create(name="一組", name_en="Team 1", code="X1")
    grade = Grade.objects.create(code="S9", name="資深專員", name_en="Senior associate", level=9)
    with translation.override("en"):
        assert (str(team), str(grade)) == ("Team 1", "S9 Senior associate")
    with translation.override("zh-hans"):
        assert (str(team), str(grade)) == ("一组", "S9 资深专员")
    with translation.override("zh-hant"):
        assert (str(team), str(grade)) == ("一組", "S9 資深專員")
    team.name_en = ""
    with translation.override("en"):
        assert str(team) == "一組"


def test_the_demo_names_its_teams_and_grades_in_english():
    from org.demo import seed_people

    context = {"rng": None}
    seed_people(context)
    with translation.override("en"):
        assert [str(t) for t in Team.objects.order_by("code")] == ["Team 1", "Team 2"]
        assert str(Grade.objects.get(code="M1")) == "M1 Manager"
