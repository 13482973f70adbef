"""Appraisal models: templates, rounds with their copied forms, appraisals and what follows."""

from .rounds import (
    STAGE_ORDER,
    Appraisal,
    AppraisalItem,
    AppraisalRound,
    ImprovementPlan,
    PrivateNote,
    RoundForm,
    RoundItem,
    Stage,
)
from .templates import (
    AppraisalTemplate,
    Dimension,
    Kind,
    Method,
    Scale,
    TemplateItem,
)

__all__ = [
    "STAGE_ORDER",
    "Appraisal",
    "AppraisalItem",
    "AppraisalRound",
    "AppraisalTemplate",
    "Dimension",
    "ImprovementPlan",
    "Kind",
    "Method",
    "PrivateNote",
    "RoundForm",
    "RoundItem",
    "Scale",
    "Stage",
    "TemplateItem",
]
