"""The load test's simulated people (locust): each signs in as a seeded user of one role and
works as that role does, with 5–15 s of thought between two steps.

The users, the records each may open and the ID numbers each may search for come from the
plan ``bench/load/run.py`` writes (``LOAD_PLAN``). Every request is named for the step it
belongs to, so the statistics read per step. A response other than the one expected (a
status, a form sent back with errors) is counted as a failure.
"""

import itertools
import json
import os
import random
import re
from html.parser import HTMLParser
from pathlib import Path

from locust import HttpUser, LoadTestShape, between, task

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text(encoding="utf-8"))
THINK = tuple(float(x) for x in os.environ.get("LOAD_THINK", "5,15").split(","))
_serial = itertools.count(int(os.environ.get("LOAD_SERIAL_START", "1")))


class _Form(HTMLParser):
    """The fields of the first form holding a field named ``marker``, with the values the
    page shows (what a browser would send back unchanged)."""

    def __init__(self, marker):
        super().__init__(convert_charrefs=True)
        self.marker, self.fields, self._current, self._select, self._text = (
            marker,
            [],
            None,
            None,
            None,
        )
        self.done = self._in_form = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.done:
            return
        if tag == "form":
            self._in_form, self._current = True, []
        elif not self._in_form:
            return
        elif tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind in ("submit", "button", "file", "image"):
                return
            self._current.append(
                (a["name"], a.get("value") or ("on" if kind == "checkbox" else ""))
            )
        elif tag == "select" and a.get("name"):
            self._select = [a["name"], None, None]  # name, first option, selected option
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._select[1] is None:
                self._select[1] = value
            if "selected" in a:
                self._select[2] = value
        elif tag == "textarea" and a.get("name"):
            self._text = [a["name"], ""]

    def handle_data(self, data):
        if self._text is not None:
            self._text[1] += data

    def handle_endtag(self, tag):
        if self.done or not self._in_form:
            return
        if tag == "select" and self._select is not None:
            name, first, chosen = self._select
            self._current.append((name, chosen if chosen is not None else (first or "")))
            self._select = None
        elif tag == "textarea" and self._text is not None:
            self._current.append((self._text[0], self._text[1].lstrip("\n")))
            self._text = None
        elif tag == "form":
            self._in_form = False
            if any(name == self.marker for name, _value in self._current):
                self.fields, self.done = self._current, True


def form_fields(html, marker):
    parser = _Form(marker)
    parser.feed(html)
    return parser.fields


def _id_number(serial):
    """A valid resident ID number (GB 11643 check character) unique to ``serial``."""
    year = 1960 + serial // 336_000 % 40
    month, day = serial // 28_000 % 12 + 1, serial // 1000 % 28 + 1
    first17 = f"310101{year}{month:02d}{day:02d}{serial % 1000:03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    check = "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights, strict=True)) % 11]
    return first17 + check


class Person(HttpUser):
    abstract = True
    wait_time = between(*THINK)
    role = None

    def on_start(self):
        people = PLAN["users"][self.role]
        self.me = people[next(_serial) % len(people)]
        page = self.client.get("/accounts/login/", name="sign in (page)")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        with self.client.post(
            "/accounts/login/",
            {
                "username": self.me["username"],
                "password": PLAN["password"],
                "csrfmiddlewaretoken": token,
            },
            name="sign in",
            catch_response=True,
            allow_redirects=False,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in refused ({response.status_code})")

    # --- steps every role takes -------------------------------------------------------
    @task(6)
    def my_work(self):
        self.client.get("/", name="My work (home)")

    @task(8)
    def customer_list(self):
        params = random.choice(PLAN["list_filters"])
        self.client.get("/customers/customers/", params=params, name="customer list (filters)")

    @task(4)
    def customer_search(self):
        self.client.get(
            "/customers/customers/",
            params={"q": random.choice(PLAN["names"])},
            name="customer list (name search)",
        )

    @task(8)
    def customer_file(self):
        pk = random.choice(self.me["customers"])
        self.client.get(f"/customers/customers/{pk}/", name="customer file")

    @task(3)
    def id_search(self):
        pk, number = random.choice(self.me["id_numbers"])
        with self.client.get(
            "/customers/customers/",
            params={"q": number},
            name="search by ID number",
            catch_response=True,
        ) as response:
            if response.ok and f"/customers/customers/{pk}/" not in response.text:
                response.failure("the file searched for is not listed")

    @task(1)
    def export(self):
        if not self.me["may_export"]:
            return self.customer_list()
        with self.client.get(
            "/customers/customers/",
            params={"export": "xlsx"},
            name="export request (Excel)",
            catch_response=True,
        ) as response:
            if response.ok and not response.content.startswith(b"PK"):
                response.failure("not a workbook")

    @task(1)
    def report_download(self):
        if not self.me["reports"]:
            return self.my_work()
        pk = random.choice(self.me["reports"])
        with self.client.get(
            f"/reports/snapshots/{pk}/download/xlsx/",
            name="report download (Excel)",
            catch_response=True,
        ) as response:
            if response.ok and not response.content.startswith(b"PK"):
                response.failure("not a workbook")

    @task(1)
    def edit(self):
        pk = random.choice(self.me["customers"])
        url = f"/customers/customers/{pk}/edit/"
        page = self.client.get(url, name="customer edit (form)")
        if not page.ok:
            return
        data = dict(form_fields(page.text, "change_reason"))
        data["notes"] = f"load test {random.randint(1, 10**6)}"
        data["change_reason"] = "load test"
        self._post(url, data, "customer edit (save)")

    def _post(self, url, data, name):
        with self.client.post(
            url, data, name=name, catch_response=True, allow_redirects=False
        ) as response:
            if response.status_code != 302:
                errors = re.findall(r'class="invalid-feedback[^"]*"[^>]*>\s*([^<]+)', response.text)
                response.failure(f"form refused: {errors[:3] or response.status_code}")


class Salesperson(Person):
    weight = 16
    role = "salesperson"

    @task(2)
    def pipeline(self):
        self.client.get("/sales/opportunities/", name="opportunity list")

    @task(2)
    def my_dashboard(self):
        self.client.get("/reports/dashboard/me/", name="personal dashboard")

    @task(1)
    def create(self):
        page = self.client.get("/customers/customers/add/", name="customer create (form)")
        if not page.ok:
            return
        data = dict(form_fields(page.text, "name"))
        serial = next(_serial)
        number = _id_number(serial)
        data.update(
            {
                "kind": "individual",
                "name": f"壓測客戶{serial}",
                "id_type": "prc_id",
                "id_number": number,
                "mobile": f"137{serial % 10**8:08d}",
                "stage": "prospect",
                "confirm_duplicate": "on",
            }
        )
        data.pop("change_reason", None)
        self._post("/customers/customers/add/", data, "customer create (save)")


class Clerk(Person):
    weight = 2
    role = "clerk"


class Supervisor(Person):
    weight = 2
    role = "supervisor"

    @task(4)
    def team_dashboard(self):
        self.client.get(f"/reports/dashboard/team/{self.me['team']}/", name="team dashboard")


class Manager(Person):
    weight = 1
    role = "manager"

    @task(4)
    def company_dashboard(self):
        self.client.get("/reports/dashboard/company/", name="company dashboard")


if os.environ.get("LOAD_STEP"):

    class StepLoad(LoadTestShape):
        """``LOAD_STEP=users,seconds,max``: add ``users`` every ``seconds`` up to ``max``, then
        stop (the knee is where p95 leaves the target as the rate climbs)."""

        def tick(self):
            step, seconds, top = (int(x) for x in os.environ["LOAD_STEP"].split(","))
            run_time = self.get_run_time()
            if run_time > seconds * (top // step):
                return None
            return min(top, step * (int(run_time // seconds) + 1)), step
