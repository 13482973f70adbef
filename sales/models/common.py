"""What the sales models share: money fields and the row scopes of reference data and team
records."""

from django.db import models

MONEY = {"max_digits": 14, "decimal_places": 2}


def _reference_data(cls, user, profile, action):
    return None  # shared reference data: whoever has the model permission sees every row


def _team_and_members(cls, user, profile, action):
    """Team records: the teams one leads or supports, and one's own team's (members read
    their team's plans and meetings); every team for company-wide roles."""
    if profile.company_wide:
        return None
    ids = set(profile.team_ids)
    if profile.own_team_id and action == "view":
        ids.add(profile.own_team_id)
    return models.Q(team_id__in=sorted(ids))
