"""Login controls on every request: the role's login hours and address ranges, and the
second factor (confidentiality.services.login).

Placed after authentication, the session expiry and the messages. For a signed-in user:

1. a request outside the role's hours or address ranges ends the session and answers the
   refusal page (403, in the user's language), recorded in the security log; a sign-in
   (the login form's POST) is refused the same way at once;
2. a session that has not passed the second factor, of a user who has a device or whose role
   must use one, is sent to the code page (or to enrolment when there is no device yet);
   only the sign-in pages, sign-out, the language switch and static files stay open.

A session whose second factor was checked costs nothing more; the rules come from the
shared cache.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from core.services import client_ip

from .services import login as controls

OPEN_PATHS = ("/accounts/logout/", "/i18n/", "/healthz", "/manifest.webmanifest", "/favicon")


def _open_path(path):
    return path.startswith(settings.STATIC_URL) or path.startswith(OPEN_PATHS)


def refusal_response(request, user, reason):
    """Log ``user`` out and answer the refusal page (recorded in the security log)."""
    controls.login_refused(user=user, request=request, reason=reason)
    logout(request)
    return render(
        request,
        "confidentiality/login/refused.html",
        {"message": controls.refusal_message(reason)},
        status=403,
    )


class LoginControlMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        path = request.path
        if user.is_authenticated and not _open_path(path):
            reason = controls.login_refusal(user, ip=client_ip(request))
            if reason:
                return refusal_response(request, user, reason)
            if not controls.session_verified(request.session):
                redirect_to = self._second_factor(request, user)
                if redirect_to:
                    return self._redirect(request, redirect_to)
        was_anonymous = not user.is_authenticated
        response = self.get_response(request)
        if was_anonymous and request.method == "POST" and request.user.is_authenticated:
            # Just signed in: refuse at once, before the first page.
            signed_in = request.user
            reason = controls.login_refusal(signed_in, ip=client_ip(request))
            if reason:
                return refusal_response(request, signed_in, reason)
        return response

    def _second_factor(self, request, user):
        """Where an unverified session must go first, or None."""
        verify_url = reverse("confidentiality:two_factor_verify")
        enrol_url = reverse("confidentiality:two_factor_enrol")
        codes_url = reverse("confidentiality:two_factor_codes")
        if request.path in (verify_url, enrol_url, codes_url):
            return None
        if controls.has_device(user):
            target = verify_url
        elif controls.two_factor_required(user):
            target = enrol_url
        else:
            # Decided once per session: a role or setting change applies from the next sign-in.
            request.session[controls.SESSION_KEY] = controls.NOT_NEEDED
            return None
        next_url = request.get_full_path()
        if (
            request.method != "GET"
            or request.headers.get("HX-Request")
            or not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()})
        ):
            next_url = "/"
        return f"{target}?{urlencode({'next': next_url})}"

    @staticmethod
    def _redirect(request, url):
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        response = HttpResponse(status=302)
        response["Location"] = url
        return response
