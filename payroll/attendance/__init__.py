"""Attendance and leave: the rules (``balance``, ``days``), the services, the collector the
monthly payroll run reads (``collector``) and the appraisal evidence (``evidence``).

Models live in ``payroll.models.attendance``; views in ``payroll.views.attendance``.
"""
