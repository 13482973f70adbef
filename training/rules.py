"""Company settings of training (``core.params``)."""

from django.utils.translation import gettext_lazy as _

from core import params

# --- online learning ----------------------------------------------------------------------
TEST_GRACE_SECONDS = "training.test_grace_seconds"
INTERNAL_LINK_HOSTS = "training.internal_link_hosts"

params.define(
    TEST_GRACE_SECONDS,
    30,
    _("Online test: grace after the time limit (seconds)"),
    _(
        "Answers that reach the server this long after an online test's time limit are still "
        "accepted (a slow network); later ones are refused and the test is closed."
    ),
    group="training",
)
params.define(
    INTERNAL_LINK_HOSTS,
    [],
    _("Online learning: the company's own web hosts"),
    _(
        "Host names (e.g. intranet.example.com) whose pages may be linked as learning "
        "resources, besides the pages of this system."
    ),
    group="training",
)
