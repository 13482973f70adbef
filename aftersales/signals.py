"""Underwriting (a lower app) does not know after-sales: a delivered contract schedules its
follow-up through this receiver of the policy's save (DESIGN.md: a signal where a lower app
must notify a higher one). The daily follow-up job is the safety net behind it."""

from django.db.models.signals import post_save


def policy_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not instance.delivered_on:
        return
    from . import services

    actor = getattr(instance, "_history_user", None)
    services.follow_up_schedule_after_delivery(policy=instance, actor=actor)


def connect():
    from underwriting.models import Policy

    post_save.connect(policy_saved, sender=Policy, dispatch_uid="aftersales-policy-delivered")
