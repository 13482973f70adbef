"""Session expiry and cache rules."""

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.shortcuts import resolve_url
from django.utils import translation

LOGIN_AT = "_login_at"
LAST_SEEN = "_last_seen"


class SessionExpiryMiddleware:
    """End a session after SESSION_IDLE_TIMEOUT idle seconds or SESSION_COOKIE_AGE in all,
    and log out at once a user who has been deactivated since logging in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if SESSION_KEY in session:
            now = time.time()
            login_at = session.get(LOGIN_AT)
            last_seen = session.get(LAST_SEEN, now)
            expired = (
                not request.user.is_authenticated  # deactivated or deleted since login
                or now - last_seen > settings.SESSION_IDLE_TIMEOUT
                or (login_at is not None and now - login_at > settings.SESSION_COOKIE_AGE)
            )
            if expired:
                logout(request)
                if request.headers.get("HX-Request"):
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = resolve_url(settings.LOGIN_URL)
                    return response
                return redirect_to_login(request.get_full_path())
            if login_at is None:
                session[LOGIN_AT] = now
            # Write at most once a minute, so reads don't all turn into session writes.
            if now - last_seen > 60 or LAST_SEEN not in session:
                session[LAST_SEEN] = now
        return self.get_response(request)


def mark_login(sender, request, user, **kwargs):
    """user_logged_in: start both clocks."""
    now = time.time()
    request.session[LOGIN_AT] = now
    request.session[LAST_SEEN] = now


class NoStoreMiddleware:
    """Pages seen by a logged-in user may show personal data: never cache them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(settings.STATIC_URL)
        ):
            response["Cache-Control"] = "no-store, private"
            response["Pragma"] = "no-cache"
        return response


class LocaleMiddleware(DjangoLocaleMiddleware):
    """The language the user chose (cookie), else a Chinese one the browser asks for, else
    the company default (Traditional Chinese): an office PC set up in English still opens
    the product in the company's language."""

    def process_request(self, request):
        super().process_request(request)
        chose = settings.LANGUAGE_COOKIE_NAME in request.COOKIES
        if not chose and not translation.get_language().startswith("zh"):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = translation.get_language()
