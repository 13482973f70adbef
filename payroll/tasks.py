"""Celery tasks of payroll: the monthly run's computation, tracked with a progress bar.
Thin: they call ``payroll.services``."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from core.jobs import job, set_progress, tracked_run

RUN_NAME = "payroll_compute"


@job
def payroll_compute(self, payroll_run_id, user_id, run_id=None):
    """Compute every payslip of a month (safe to run twice: the same result)."""
    from .models import PayrollRun
    from .services import payroll_compute as compute

    with tracked_run(self, run_id=run_id, name=RUN_NAME) as run:
        actor = get_user_model().objects.get(pk=user_id)
        payroll = PayrollRun.objects.get(pk=payroll_run_id)

        def progress(done, total):
            if done == total or done % 10 == 0:
                set_progress(
                    run,
                    100 * done // max(total, 1),
                    _("%(done)d of %(total)d payslips") % {"done": done, "total": total},
                )

        compute(actor=actor, run=payroll, progress=progress)
        run.message = _("%(count)d payslips computed.") % {"count": payroll.payslips.count()}
        run.result = {"url": payroll.get_absolute_url()}
