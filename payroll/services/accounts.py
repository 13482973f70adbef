"""Employees' salary accounts (the bank transfer list pays into them)."""

from django.db import transaction
from django.utils.translation import gettext_noop

from core.i18n import Text
from core.services import audit_event, require_permission, save_checked

from .run import _require_model_perm


@transaction.atomic
def salary_account_save(*, actor, account):
    """Add or change an employee's salary account; the change is audited (the number only
    masked in the audit text) and kept in the history."""
    from ..models import SalaryAccount

    if account.pk:
        require_permission(actor, account, "payroll.change_salaryaccount")
        before = SalaryAccount.objects.get(pk=account.pk)
        changed = (before.bank_name, before.account_number) != (
            account.bank_name,
            "".join(str(account.account_number).split()),
        )
    else:
        _require_model_perm(actor, "payroll.add_salaryaccount")
        changed = True
    save_checked(account, actor)
    if changed:
        audit_event(
            actor=actor,
            verb="salary_account_changed",
            target=account.employee,
            message=Text(
                gettext_noop("Salary account set to %(bank)s %(number)s"),
                {"bank": account.bank_name, "number": account.masked_number},
            ),
        )
    return account
