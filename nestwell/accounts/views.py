from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nestwell.accounts import language, measures, security, services
from nestwell.accounts.decorators import member_required, parent_required
from nestwell.accounts.forms import (
    ApiTokenForm,
    HouseholdForm,
    InvitationForm,
    LoginForm,
    MeasuresForm,
    ResetForm,
    SignupForm,
)
from nestwell.accounts.idempotency import idempotent
from nestwell.accounts.middleware import SESSION_KEY
from nestwell.accounts.models import (
    ApiToken,
    AuditEvent,
    Invitation,
    Membership,
    User,
    hash_token,
)
from nestwell.accounts.roles import ROLE_HELP, Role
from nestwell.lib.measures import habits as measures_habits

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def signup(request):
    if request.user.is_authenticated:
        return redirect("journal:home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.create_account(
            email=form.cleaned_data["email"], password=form.cleaned_data["password1"],
            display_name=form.cleaned_data["display_name"],
            household_name=form.cleaned_data["household_name"],
            time_zone=form.cleaned_data["time_zone"],
            locale=translation.get_language(),
        )
        login(request, user, backend=MODEL_BACKEND)
        messages.success(request, _("Welcome to Nestwell. Let's add your baby."))
        return redirect("journal:child_add")
    return render(request, "accounts/signup.html", {"form": form})


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    # Her own account page: the household's settings are for parents alone, so a
    # caregiver or viewer landed on "This needs another role" after changing hers.
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        messages.success(self.request, _(
            "Your password is changed. Everywhere else you were signed in is signed out, and "
            "your API tokens, report links and notifications have stopped: make new ones, and "
            "turn notifications on again on each phone, if you need them."))
        return super().form_valid(form)


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = ResetForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        # Past the hourly share the page says the same (it never tells whether an
        # account exists), but no e-mail leaves.
        if not security.reset_email_allowed(self.request, form.cleaned_data["email"]):
            return redirect(self.success_url)
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:login")

    def form_valid(self, form):
        messages.success(self.request, _("Your new password is set. You can sign in now."))
        return super().form_valid(form)


@idempotent
def create_household(request):
    """For a signed-in person who belongs to no household (for example, removed from one)."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    if request.membership is not None:
        return redirect("journal:home")
    form = HouseholdForm(request.POST or None, initial={
        "name": _("Our family"), "locale": translation.get_language()})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            household = form.save()
            Membership.objects.create(user=request.user, household=household, role=Role.PARENT)
        request.session[SESSION_KEY] = household.pk
        return redirect("journal:child_add")
    # Someone taken out of a household by a parent lately is told so where she lands: every
    # page of it had just sent her to "Start a household" without a word. Not an old story
    # (a later household she was in may have been deleted since, with its records).
    last = (AuditEvent.objects.filter(subject=request.user, action="member_removed",
                                      at__gte=timezone.now() - timedelta(days=30))
            .select_related("household").order_by("-at").first())
    removed = last if last is not None and last.actor_id != request.user.pk else None
    return render(request, "accounts/create_household.html", {"form": form,
                                                                "removed": removed})


@parent_required
def household_settings(request):
    household = request.household
    form = HouseholdForm(request.POST or None, instance=household)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Household settings saved."))
        return redirect("accounts:settings")
    members = list(household.memberships.select_related("user").by_seniority())
    for member in members:
        member.manageable = services.may_manage(request.membership, member)
    invitations = household.invitations.usable().select_related("created_by")
    return render(request, "accounts/settings.html", {
        "form": form, "members": members, "invitations": invitations,
        "invite_form": InvitationForm(), "role_help": ROLE_HELP.items(),
        "role_choices": Role.choices,
    })


def account(request):
    """The person's own page: their households, password and sign-out. Any member."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    return _account_page(request, MeasuresForm(instance=request.user,
                                               habits=_habits(request)))


def _habits(request):
    return measures_habits(translation.get_language() or "en",
                           measures.household_country(request.household))


def _account_page(request, measures_form, status=200):
    memberships = request.user.memberships.select_related("household")
    return render(request, "accounts/account.html",
                  {"memberships": memberships, "measures_form": measures_form}, status=status)


@require_POST
def sign_out_elsewhere(request):
    """Every other place she is signed in is signed out (a phone lost, a shared laptop),
    her password unchanged; this one stays. Her API tokens and report links are left:
    each has its own page to stop it (Aoife's walk: only a new password did this)."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    user = request.user
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(sessions_ended=F("sessions_ended") + 1)
        user.refresh_from_db(fields=["sessions_ended"])
        update_session_auth_hash(request, user)
    messages.success(request, _("Everywhere else you were signed in is signed out. You stay "
                                "signed in here."))
    return redirect("accounts:account")


@require_POST
def set_measures(request):
    """Her units, clock and week (each empty: as usual where the household lives)."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    form = MeasuresForm(request.POST, instance=request.user, habits=_habits(request))
    if not form.is_valid():
        return _account_page(request, form, status=400)
    User.objects.filter(pk=request.user.pk).update(
        **{name: form.cleaned_data[name] or "" for name in MeasuresForm.Meta.fields})
    messages.success(request, _("Saved: amounts, weights and times now read your way."))
    return redirect("accounts:account")


@require_POST
def switch_household(request, household_id):
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    membership = get_object_or_404(Membership, user=request.user, household_id=household_id)
    request.session[SESSION_KEY] = membership.household_id
    request.session.pop("child_id", None)
    return redirect("journal:home")


def leave_household(request, household_id):
    """Step back from a household herself, whatever her role: a page to confirm, then the
    same removal a parent makes (what she could reach through it ends with it: her tokens,
    her report links, what was shared with her there). The last parent is told why not."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    membership = get_object_or_404(Membership.objects.select_related("household"),
                                   user=request.user, household_id=household_id)
    error = ""
    if request.method == "POST":
        try:
            services.remove_member(membership, by=membership)
        except services.MembershipRefused as exc:
            error = str(exc)
        else:
            if request.session.get(SESSION_KEY) == household_id:
                request.session.pop(SESSION_KEY, None)
                request.session.pop("child_id", None)
            messages.success(request, _("You are no longer in %(household)s.")
                             % {"household": membership.household.name})
            return redirect("journal:home")
    return render(request, "accounts/leave.html", {"leaving": membership, "error": error},
                  status=400 if error else 200)


@parent_required
@require_POST
def invitation_create(request):
    form = InvitationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose a role for the invitation."))
        return redirect("accounts:settings")
    invitation = Invitation.issue(
        request.household, form.cleaned_data["role"], request.user, form.cleaned_data["label"]
    )
    link = request.build_absolute_uri(reverse("accounts:join", args=[invitation.token]))
    return render(request, "accounts/invitation_created.html",
                  {"invitation": invitation, "link": link})


@parent_required
@require_POST
def invitation_revoke(request, pk):
    invitation = get_object_or_404(Invitation, pk=pk, household=request.household)
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    messages.success(request, _("The invitation link no longer works."))
    return redirect("accounts:settings")


@parent_required
@require_POST
def member_update(request, pk):
    membership = get_object_or_404(Membership.objects.select_related("user"), pk=pk,
                                   household=request.household)
    try:
        if "remove" in request.POST and "confirmed" not in request.POST:
            # Removing someone ends what they could reach, notes and all, for good: asked
            # first (the Remove button sat next to Change, and one slip removed a person).
            services.check_removal(membership, by=request.membership)
            return render(request, "accounts/member_remove.html", {"removing": membership})
        if "remove" in request.POST:
            services.remove_member(membership, by=request.membership)
            messages.success(request, _("%(name)s is no longer in this household.")
                             % {"name": membership.user})
            if membership.pk == request.membership.pk:
                return redirect("journal:home")
            return redirect("accounts:settings")
        role = request.POST.get("role")
        if role not in Role.values:
            messages.error(request, _("That role does not exist."))
        else:
            services.change_role(membership, role, by=request.membership)
            messages.success(request, _("Role updated."))
    except services.MembershipRefused as exc:
        messages.error(request, str(exc))
    return redirect("accounts:settings")


def join(request, token):
    """Open an invitation link: sign up, or (when signed in) join with one tap."""
    invitation = Invitation.objects.select_related("household", "created_by").filter(
        token_hash=hash_token(token)).first()
    if invitation is None or not invitation.is_usable:
        return render(request, "accounts/join_invalid.html", status=410 if invitation else 404)
    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                membership = services.accept_invitation(invitation, request.user)
            except services.InvitationUnusable as exc:
                raise Http404 from exc
            request.session[SESSION_KEY] = membership.household_id
            messages.success(request, _("You have joined %(household)s.")
                             % {"household": invitation.household})
            return redirect("journal:home")
        return render(request, "accounts/join.html", {"invitation": invitation})
    # The name the inviter gave her ("Abuela Rosa") is offered; she may change it.
    form = SignupForm(request.POST or None, joining=True,
                      initial={"display_name": invitation.label})
    if request.method == "POST" and form.is_valid():
        try:
            user = services.create_account(
                email=form.cleaned_data["email"], password=form.cleaned_data["password1"],
                display_name=form.cleaned_data["display_name"], invitation=invitation,
            )
        except services.InvitationUnusable:
            return render(request, "accounts/join_invalid.html", status=410)
        login(request, user, backend=MODEL_BACKEND)
        request.session[SESSION_KEY] = invitation.household_id
        messages.success(request, _("Welcome to %(household)s.")
                         % {"household": invitation.household})
        return redirect("journal:home")
    return render(request, "accounts/join.html", {"invitation": invitation, "form": form})


@require_POST
def set_theme(request):
    theme = request.POST.get("theme")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        target = reverse("journal:home")
    response = redirect(target)
    if theme in ("light", "dark"):
        response.set_cookie("theme", theme, max_age=60 * 60 * 24 * 365, samesite="Lax",
                            httponly=True)
    else:
        response.delete_cookie("theme")
    return response




@require_POST
def set_language(request):
    """Her language: kept on her account when she is signed in (every device follows),
    and in a cookie for the pages before signing in. Empty: as her browser is set."""
    code = request.POST.get("language", "")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        target = reverse("journal:home")
    if code and code not in language.available():
        messages.error(request, _("That language is not available yet."))
        return redirect(target)
    if request.user.is_authenticated:
        User.objects.filter(pk=request.user.pk).update(language=code)
    response = redirect(target)
    if code:
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, code,
                            max_age=settings.LANGUAGE_COOKIE_AGE, samesite="Lax",
                            secure=request.is_secure(), httponly=True)
    else:
        response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
    return response


@member_required(write_role=Role.VIEWER)
def api_tokens(request):
    """Personal API tokens: made here, shown once, revoked here."""
    form = ApiTokenForm(request.POST or None)
    made = None
    if request.method == "POST" and form.is_valid():
        made = ApiToken.issue(request.user, request.household, form.cleaned_data["name"])
        form = ApiTokenForm()
    tokens = ApiToken.objects.filter(user=request.user, household=request.household)
    return render(request, "accounts/api_tokens.html",
                  {"form": form, "made": made, "tokens": tokens})


@member_required(write_role=Role.VIEWER)
@require_POST
def api_token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user, household=request.household,
                              revoked_at__isnull=True)
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    messages.success(request, _("“%(name)s” no longer works.") % {"name": token.name})
    return redirect("accounts:api_tokens")
