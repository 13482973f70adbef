"""The permission matrix: for every URL, what each persona gets.

Each app has ``tests/<app>/access.py`` with

* ``scenario(personas) -> dict``: creates the records the URLs need (e.g. a customer owned
  by the salesperson) and returns them by name;
* ``CASES``: a list of ``Case``, one or more per URL name of the app.

``tests/test_access_matrix.py`` runs every case for every persona, and fails when a URL
pattern of the project has no case (the URL coverage gate): no page without its access rule.
Anonymous users always get a redirect to the login page and need not be listed.
"""

from dataclasses import dataclass, field

OK, REDIRECT, FORBIDDEN, NOT_FOUND = 200, 302, 403, 404
STAFF = ("clerk", "salesperson", "other_salesperson", "supervisor", "hr", "manager", "compliance")
EVERYONE = (*STAFF, "superuser")


@dataclass
class Case:
    """GET ``url_name`` (with ``args(objects)``) as each persona; expect ``expect[persona]``,
    else ``default``."""

    url_name: str
    expect: dict
    args: object = None  # callable(objects) -> list of URL args
    default: int = FORBIDDEN
    query: str = ""
    method: str = "get"
    data: dict = field(default_factory=dict)
    anonymous: int = REDIRECT

    def status_for(self, persona):
        if persona == "anonymous":
            return self.anonymous
        return self.expect.get(persona, self.default)


def each(personas, status):
    """{persona: status for each of personas}."""
    return dict.fromkeys(personas, status)
