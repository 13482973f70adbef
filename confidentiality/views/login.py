"""Login controls: the login rules per role, two-factor sign-in (the code after the
password, enrolment by QR code, recovery codes shown once, one's own sign-in security page)
and the reset by an administrator or compliance."""

import base64

import segno
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from core.views.generic import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    ObjectPermissionMixin,
    add_validation_error,
    form_errors,
)

from .. import login_forms
from ..login_tables import LoginRuleTable
from ..models import LoginRule
from ..selectors import login_rule_list
from ..services import login as controls

NEW_CODES = "_two_factor_new_codes"
FAILURES = "_two_factor_failures"
MAX_FAILURES = 5


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return "/"
    return target


# --- login rules ----------------------------------------------------------------------------


class LoginRuleListView(ObjectListView):
    model = LoginRule
    table_class = LoginRuleTable
    queryset = login_rule_list()
    empty_message = gettext_lazy(
        "No login rule: every role may sign in at any time from anywhere. Add a rule for a "
        "role to limit its hours or networks."
    )
    add_label = gettext_lazy("Add a login rule")


class LoginRuleDetailView(ObjectDetailView):
    model = LoginRule
    template_name = "confidentiality/login/rule.html"


class LoginRuleHistoryView(ObjectHistoryView):
    model = LoginRule


class LoginRuleEditView(ObjectEditView):
    model = LoginRule
    form_class = login_forms.LoginRuleForm

    def save(self, form):
        rule = form.save(commit=False)
        return controls.login_rule_save(actor=self.request.user, rule=rule)


class LoginRuleDeleteView(ObjectDeleteView):
    model = LoginRule


# --- the second factor ----------------------------------------------------------------------


class _SignInStep(LoginRequiredMixin, generic.View):
    """A page of the sign-in itself (open to a session that has not passed the second
    factor yet)."""

    template_name = None

    def page(self, request, context, status=200):
        context.setdefault("next", _next_url(request))
        return render(request, self.template_name, context, status=status)


class TwoFactorVerifyView(_SignInStep):
    """The code after the password (an authenticator code or a recovery code)."""

    template_name = "confidentiality/login/verify.html"

    def get(self, request):
        if controls.session_verified(request.session):
            return redirect(_next_url(request))
        if not controls.has_device(request.user):
            return redirect(
                f"{reverse('confidentiality:two_factor_enrol')}?{request.GET.urlencode()}"
            )
        return self.page(request, {"form": login_forms.TokenForm()})

    def post(self, request):
        if controls.session_verified(request.session):
            return redirect(_next_url(request))
        form = login_forms.TokenForm(request.POST)
        if form.is_valid():
            try:
                device = controls.two_factor_verify(
                    user=request.user, token=form.cleaned_data["token"], request=request
                )
            except ValidationError as exc:
                add_validation_error(form, exc)
                failures = request.session.get(FAILURES, 0) + 1
                request.session[FAILURES] = failures
                if failures >= MAX_FAILURES:
                    logout(request)
                    messages.error(request, _("Too many wrong codes: sign in again."))
                    return redirect("login")
            else:
                request.session.pop(FAILURES, None)
                controls.mark_verified(request, device)
                if isinstance(device, controls.StaticDevice):
                    left = controls.recovery_codes_left(request.user)
                    messages.warning(
                        request,
                        _(
                            "You signed in with a recovery code; %(left)s are left. Renew them "
                            "on your sign-in security page."
                        )
                        % {"left": left},
                    )
                return redirect(_next_url(request))
        return self.page(request, {"form": form}, status=200)


def qr_svg(url):
    """The QR code of ``url`` as inline SVG markup (segno; no image file, no script)."""
    return mark_safe(segno.make(url, error="m").svg_inline(scale=5, border=2))  # noqa: S308


class TwoFactorEnrolView(_SignInStep):
    """Set up an authenticator: scan the QR code (or type the key), enter the code."""

    template_name = "confidentiality/login/enrol.html"

    def context(self, request, form):
        device = controls.totp_enrol_start(user=request.user)
        key = base64.b32encode(device.bin_key).decode().rstrip("=")
        return {
            "form": form,
            "qr": qr_svg(device.config_url),
            "key": " ".join(key[i : i + 4] for i in range(0, len(key), 4)),
            "required": controls.two_factor_required(request.user),
        }

    def get(self, request):
        if controls.has_device(request.user):
            return redirect(
                "confidentiality:two_factor_verify"
                if not controls.session_verified(request.session)
                else "confidentiality:my_security"
            )
        return self.page(request, self.context(request, login_forms.EnrolForm()))

    def post(self, request):
        if controls.has_device(request.user):
            return redirect("confidentiality:my_security")
        form = login_forms.EnrolForm(request.POST)
        if form.is_valid():
            device = controls.totp_enrol_start(user=request.user)
            try:
                device, codes = controls.totp_enrol_confirm(
                    actor=request.user, device=device, token=form.cleaned_data["token"]
                )
            except ValidationError as exc:
                add_validation_error(form, exc)
            else:
                controls.mark_verified(request, device)
                request.session[NEW_CODES] = codes
                return redirect(
                    f"{reverse('confidentiality:two_factor_codes')}?next={_next_url(request)}"
                )
        return self.page(request, self.context(request, form))


class TwoFactorCodesView(_SignInStep):
    """The recovery codes, shown once (just after enrolment or renewal); POST renews them."""

    template_name = "confidentiality/login/codes.html"

    def get(self, request):
        codes = request.session.pop(NEW_CODES, None)
        return self.page(request, {"codes": codes})

    def post(self, request):
        if not controls.session_verified(request.session) or not controls.has_device(request.user):
            raise PermissionDenied
        request.session[NEW_CODES] = controls.recovery_codes_renew(actor=request.user)
        return redirect(
            f"{reverse('confidentiality:two_factor_codes')}?next="
            f"{reverse('confidentiality:my_security')}"
        )


class MySecurityView(LoginRequiredMixin, generic.TemplateView):
    """One's own sign-in security: two-factor state, recovery codes left, the rule of the role."""

    template_name = "confidentiality/login/security.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        enrolled = controls.has_device(user)
        context.update(
            enrolled=enrolled,
            required=controls.two_factor_required(user),
            codes_left=controls.recovery_codes_left(user) if enrolled else 0,
            rule=login_rule_list().filter(role=controls.get_profile(user).role).first(),
        )
        return context


# --- the administrator's reset ----------------------------------------------------------------


class _ResetPermission(ObjectPermissionMixin):
    model = LoginRule

    def get_required_permission(self):
        return controls.RESET_PERMISSION


class TwoFactorUserListView(_ResetPermission, generic.TemplateView):
    """Every active account with its two-factor state, and a reset for each."""

    template_name = "confidentiality/login/two_factor_users.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        users = get_user_model().objects.filter(is_active=True).order_by("username")
        term = self.request.GET.get("q", "").strip()[:100]
        if term:
            users = users.filter(
                Q(username__icontains=term)
                | Q(first_name__icontains=term)
                | Q(last_name__icontains=term)
            )
        state = self.request.GET.get("state", "")
        users = controls.with_two_factor(users, user_field="pk")
        if state == "on":
            users = users.filter(two_factor=True)
        elif state == "off":
            users = users.filter(two_factor=False)
        page = Paginator(users, self.paginate_by).get_page(self.request.GET.get("page"))
        context.update(
            page_obj=page,
            users=list(page.object_list),
            term=term,
            state=state,
            reset_form=login_forms.ResetForm(),
        )
        return context


class TwoFactorResetView(_ResetPermission, generic.View):
    def post(self, request, pk):
        user = get_user_model().objects.filter(pk=pk, is_active=True).first()
        if user is None:
            from django.http import Http404

            raise Http404
        form = login_forms.ResetForm(request.POST)
        try:
            if not form.is_valid():
                raise form_errors(form)
            controls.two_factor_reset(actor=request.user, user=user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _(
                    "Two-factor sign-in of %(user)s reset: they set it up again at their next "
                    "sign-in."
                )
                % {"user": user.get_username()},
            )
        return redirect("confidentiality:two_factor_users")
