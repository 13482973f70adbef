"""Training models, by subject: the catalogue and the training file's records.

Each subject module (sessions, online learning, qualifications, careers) adds its own
models; this package re-exports them all, so ``from training.models import Course`` works.
"""

from .careers import DevelopmentPlan, JobRotation, PromotionStep, StepRequirement
from .catalogue import Course, MandatoryTraining
from .qualifications import (
    Certificate,
    CertificateReminder,
    QualificationKind,
    QualificationReward,
)
from .records import TrainingRecord

__all__ = ["Course", "MandatoryTraining", "TrainingRecord"]
__all__ += ["Certificate", "CertificateReminder", "QualificationKind", "QualificationReward"]
__all__ += ["DevelopmentPlan", "JobRotation", "PromotionStep", "StepRequirement"]
