"""Demo data registry: each app's ``demo.py`` registers a seeder; seed_demo runs them in
INSTALLED_APPS order (so customers come after people, policies after customers)."""

from django.utils.module_loading import autodiscover_modules

DEMO_PASSWORD = "Demo-Pass-2026"
_seeders = []


def register(func):
    if func not in _seeders:
        _seeders.append(func)
    return func


def seeders():
    autodiscover_modules("demo")
    return list(_seeders)
