"""Revocation is exact in every process: a change made by another OS process (an
administrator's script, a worker, a bulk revocation through guardian's own API) is seen on
the very next request, with the permission set, the access profile and the grants all kept
in a shared Redis cache, as in production.

Each test warms the cache with two requests, makes the change in a separate Python process
(``manage.py shell`` on the same test database and the same Redis), and checks the next
request is refused.
"""

import os
import subprocess
import sys
import uuid

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from core.services import object_grant_access
from customers.models import Customer
from customers.services import customer_grant_access
from tests.customers.factories import make_customer
from tests.worker import REDIS_URL, ROOT, _database_url, require_redis

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def redis_cache(settings):
    """The test process's cache is the same Redis the other process uses, under a prefix of
    this test's own (parallel test processes number their rows alike)."""
    require_redis()
    prefix = f"revoke-{uuid.uuid4().hex[:10]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    settings.ACCESS_CACHE_SECONDS = 300
    yield prefix
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)


def in_another_process(prefix, code):
    """Run ``code`` in a new Python process on the test database and the shared cache."""
    env = {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": _database_url(),
        "CACHE_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": prefix,
        "ACCESS_CACHE_SECONDS": "300",
        "CELERY_TASK_ALWAYS_EAGER": "true",
    }
    env.pop("PYTEST_XDIST_WORKER", None)
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def warm(client, url):
    """Two requests that pass: the second is served from the shared cache."""
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200


def test_a_share_withdrawn_through_guardian_in_another_process(
    redis_cache, client, salesperson, other_salesperson
):
    customer = make_customer(salesperson)
    customer_grant_access(actor=salesperson, customer=customer, to=other_salesperson)
    client.force_login(other_salesperson)
    url = reverse("customers:customer", args=[customer.pk])
    warm(client, url)
    in_another_process(
        redis_cache,
        "from guardian.shortcuts import remove_perm\n"
        "from core.models import User\n"
        "from customers.models import Customer\n"
        f"user = User.objects.get(pk={other_salesperson.pk})\n"
        f"customer = Customer.objects.get(pk={customer.pk})\n"
        "remove_perm('customers.view_customer', user, customer)\n"
        "remove_perm('customers.change_customer', user, customer)\n",
    )
    assert client.get(url).status_code == 404


def test_leaving_a_group_that_holds_a_share_in_another_process(
    redis_cache, client, salesperson, other_salesperson
):
    customer = make_customer(salesperson)
    group = Group.objects.create(name="key accounts")
    other_salesperson.groups.add(group)
    # a supervisor covering another team: a grant to a group (core's grant service)
    object_grant_access(obj=customer, actor=salesperson, to=group)
    client.force_login(other_salesperson)
    url = reverse("customers:customer", args=[customer.pk])
    warm(client, url)
    in_another_process(
        redis_cache,
        "from django.contrib.auth.models import Group\n"
        f"Group.objects.get(pk={group.pk}).user_set.remove({other_salesperson.pk})\n",
    )
    assert client.get(url).status_code == 404


def test_losing_the_role_group_in_another_process(redis_cache, client, clerk, salesperson):
    make_customer(salesperson)
    client.force_login(clerk)
    url = reverse("customers:customer_list")
    warm(client, url)
    in_another_process(
        redis_cache,
        f"from core.models import User\nUser.objects.get(pk={clerk.pk}).groups.clear()\n",
    )
    assert client.get(url).status_code == 403


def test_a_role_change_in_another_process(redis_cache, client, salesperson, hr):
    customer = make_customer(salesperson)
    client.force_login(salesperson)
    url = reverse("customers:customer", args=[customer.pk])
    warm(client, url)
    in_another_process(
        redis_cache,
        "from org.models import Employee\n"
        "from org.services import employee_update\n"
        f"employee = Employee.objects.get(user_id={salesperson.pk})\n"
        f"actor = Employee.objects.get(user_id={hr.pk}).user\n"
        "employee_update(actor=actor, employee=employee, position='hr')\n",
    )
    assert client.get(url).status_code == 403


def test_a_team_move_in_another_process(redis_cache, client, clerk, salesperson, team_a):
    customer = make_customer(salesperson)
    client.force_login(clerk)
    url = reverse("customers:customer", args=[customer.pk])
    warm(client, url)
    in_another_process(
        redis_cache,
        "from org.models import Team\n"
        f"Team.objects.get(pk={team_a.pk}).clerks.remove({clerk.pk})\n",
    )
    assert client.get(url).status_code == 404
    assert Customer.objects.filter(pk=customer.pk).exists()


def test_a_departure_in_another_process(redis_cache, client, salesperson, hr):
    customer = make_customer(salesperson)
    client.force_login(salesperson)
    url = reverse("customers:customer", args=[customer.pk])
    warm(client, url)
    in_another_process(
        redis_cache,
        "import datetime\n"
        "from org.models import Employee\n"
        "from org.services import employee_leave\n"
        f"employee = Employee.objects.get(user_id={salesperson.pk})\n"
        f"actor = Employee.objects.get(user_id={hr.pk}).user\n"
        "employee_leave(actor=actor, employee=employee, left_on=datetime.date.today())\n",
    )
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
