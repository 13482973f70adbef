"""Demo data registry: each app's ``demo.py`` registers a seeder; seed_demo runs them in
INSTALLED_APPS order (so customers come after people, policies after customers)."""

from django.utils.module_loading import autodiscover_modules

DEMO_PASSWORD = "Demo-Pass-2026"
_seeders = []


def register(func=None, *, before=None):
    """Add a seeder; ``before="app"`` runs it before the first seeder of that app (a higher
    app's records that a lower app's seeder needs, e.g. customers' consents before the
    applications that store bank accounts)."""
    if func is None:
        return lambda f: register(f, before=before)
    if func in _seeders:
        return func
    index = next(
        (i for i, f in enumerate(_seeders) if before and f.__module__.split(".")[0] == before),
        len(_seeders),
    )
    _seeders.insert(index, func)
    return func


def seeders():
    autodiscover_modules("demo")
    return list(_seeders)
