"""Gates: a higher app vetoes an action of a lower app without the lower app importing it.

The lower app names its action and asks before doing it::

    from core import gates

    reasons = gates.refusals("sales.proposal_submit", actor)
    if reasons:
        raise ValidationError(reasons)

A higher app registers a check in its ``ready()``; the check returns the messages saying
why ``user`` may not do the action now (an empty list: no objection)::

    gates.register("sales.proposal_submit", expired_licence_check)

A check may take context beyond the user (``refusals(action, user, customer=...)`` calls
``check(user, customer=...)``).

Actions in use:

* ``sales.proposal_submit`` (checked by ``sales.services.proposal_submit``; training refuses
  it to a person whose sales licence expired, when the company turns that on);
* ``customers.access`` (checked by ``core.permissions`` when it works out a user's permission
  set: a refused user holds no permission of the customer-data apps,
  ``core.permissions.CUSTOMER_DATA_APPS``; confidentiality refuses it to an employee without
  a signed confidentiality agreement in force, when the company turns that on);
* ``customers.store_sensitive`` with ``customer`` and ``kind`` ("health" or "financial"):
  checked by customers (the health note), underwriting (an application's bank account) and
  aftersales (a change of bank account) before storing such a value; confidentiality refuses
  it while the customer's separate consent for that kind is not on record.
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


def refusals(action, user, **context):
    """Every registered check's reasons why ``user`` may not do ``action`` now."""
    reasons = []
    for check in _checks.get(action, ()):
        reasons.extend(str(m) for m in check(user, **context))
    return reasons
