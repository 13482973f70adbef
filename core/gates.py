"""Gates: a higher app vetoes an action of a lower app without the lower app importing it.

The lower app names its action and asks before doing it::

    from core import gates

    reasons = gates.refusals("sales.proposal_submit", actor)
    if reasons:
        raise ValidationError(reasons)

A higher app registers a check in its ``ready()``; the check returns the messages saying
why ``user`` may not do the action now (an empty list: no objection)::

    gates.register("sales.proposal_submit", expired_licence_check)

Actions in use: ``sales.proposal_submit`` (checked by ``sales.services.proposal_submit``;
training refuses it to a person whose sales licence expired, when the company turns that
on).
"""

_checks = {}


def register(action, check):
    """Add ``check(user) -> [messages]`` to the checks of ``action`` (once)."""
    checks = _checks.setdefault(action, [])
    if check not in checks:
        checks.append(check)
    return check


def unregister(action, check):
    """Remove a check (tests)."""
    checks = _checks.get(action, [])
    if check in checks:
        checks.remove(check)


def refusals(action, user):
    """Every registered check's reasons why ``user`` may not do ``action`` now."""
    reasons = []
    for check in _checks.get(action, ()):
        reasons.extend(str(m) for m in check(user))
    return reasons
