"""The sales pipeline: insurers and products, opportunities and visits, needs analyses,
proposals and their compliance review, targets and team work, market research, campaigns.

One module per subject; every model is imported here so Django finds it and
``from sales.models import X`` keeps working:

* ``catalog``: insurers and products;
* ``opportunities``: campaigns, lead channels and opportunities;
* ``visits``: visits and needs analyses;
* ``proposals``: proposals and their cover lines;
* ``targets``: sales targets, team plans, meetings and tasks;
* ``market``: market notes and competitor comparisons;
* ``common``: the money field settings and the row scopes the others share.
"""

from .catalog import Frequency, Insurer, Product, brochure_path
from .common import MONEY
from .market import CompetitorComparison, MarketNote
from .opportunities import Campaign, Channel, Opportunity
from .proposals import CoverLine, Proposal, ProposalLine
from .targets import SalesTarget, SalesTask, TeamMeeting, TeamPlan
from .visits import NeedsAnalysis, Priority, RiskAnswer, Visit

__all__ = [
    "Campaign",
    "Channel",
    "CompetitorComparison",
    "CoverLine",
    "Frequency",
    "Insurer",
    "MONEY",
    "MarketNote",
    "NeedsAnalysis",
    "Opportunity",
    "Priority",
    "Product",
    "Proposal",
    "ProposalLine",
    "RiskAnswer",
    "SalesTarget",
    "SalesTask",
    "TeamMeeting",
    "TeamPlan",
    "Visit",
    "brochure_path",
]
