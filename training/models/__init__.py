"""Training models, by subject: the catalogue and the training file's records.

Each subject module (sessions, online learning, qualifications, careers) adds its own
models; this package re-exports them all, so ``from training.models import Course`` works.
"""

from .careers import DevelopmentPlan, JobRotation, PromotionStep, StepRequirement
from .catalogue import Course, MandatoryTraining
from .online import (
    AttemptAnswer,
    CourseUnit,
    LearningResource,
    OnlineTest,
    Question,
    QuestionOption,
    TestAttempt,
    UnitProgress,
)
from .qualifications import (
    Certificate,
    CertificateReminder,
    QualificationKind,
    QualificationReward,
)
from .records import TrainingRecord
from .sessions import Enrolment, ExternalCourse, Session, TrainingPlan, TrainingPlanItem

__all__ = ["Course", "MandatoryTraining", "TrainingRecord"]
__all__ += ["Enrolment", "ExternalCourse", "Session", "TrainingPlan", "TrainingPlanItem"]
__all__ += [
    "AttemptAnswer",
    "CourseUnit",
    "LearningResource",
    "OnlineTest",
    "Question",
    "QuestionOption",
    "TestAttempt",
    "UnitProgress",
]
__all__ += ["Certificate", "CertificateReminder", "QualificationKind", "QualificationReward"]
__all__ += ["DevelopmentPlan", "JobRotation", "PromotionStep", "StepRequirement"]
