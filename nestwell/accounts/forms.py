import zoneinfo
from functools import cache

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, UserCreationForm
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from nestwell.accounts.models import Household, Invitation, User
from nestwell.accounts.roles import Role
from nestwell.forms import LongSelect


@cache
def time_zone_choices():
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())
            if "/" in name or name == "UTC"]


class SignupForm(UserCreationForm):
    """A new person: their name, e-mail and password, and (unless they were invited)
    the household they are starting."""

    household_name = forms.CharField(
        label=_("Name your household"), max_length=80, initial=_("Our family"),
        help_text=_("Only the people you invite will see it."),
    )
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=time_zone_choices, initial="UTC",
                                  widget=LongSelect)

    class Meta:
        model = User
        fields = ("display_name", "email")
        labels = {"display_name": _("Your name"), "email": _("E-mail")}

    def __init__(self, *args, joining=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("usable_password", None)
        self.fields["password1"].help_text = _(
            "At least 10 characters. A short sentence you will remember works well.")
        self.fields["password2"].label = _("Password again")
        self.fields["password2"].help_text = ""
        self.fields["display_name"].widget.attrs.update(autocomplete="name", autofocus=True)
        self.fields["email"].widget.attrs.update(autocomplete="email")
        if joining:
            del self.fields["household_name"]
            del self.fields["time_zone"]
        else:
            # Filled in from the browser's own setting by app.js; editable later.
            self.fields["time_zone"].widget.attrs["data-detect-time-zone"] = "1"

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("There is already an account with this e-mail. Try signing in instead.")
            )
        return email


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail"), widget=forms.EmailInput(attrs={"autofocus": True,
                                                          "autocomplete": "email"})
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("That e-mail and password do not match an account here. Check "
                           "them and try again, or reset your password below."),
    }

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()

    def full_clean(self):
        """After a refused sign-in the message, not the e-mail field, has the focus: the
        field's autofocus had taken it, and a screen reader said "E-mail, edit text" and
        never why (the page then gives the focus to the message, app.js)."""
        super().full_clean()
        if self.errors:
            self.fields["username"].widget.attrs.pop("autofocus", None)


def country_choices():
    from nestwell.wellbeing.crisis import country_choices as known

    return [("", _("Not set: guess from the time zone"))] + known(language=get_language())


class HouseholdForm(forms.ModelForm):
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=time_zone_choices,
                                  widget=LongSelect)
    locale = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    country = forms.ChoiceField(label=_("Country"), choices=country_choices, required=False,
                                help_text=_("Chooses the support numbers Nestwell shows."),
                                widget=LongSelect)

    class Meta:
        model = Household
        fields = ("name", "time_zone", "locale", "country")


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ("label", "role")
        help_texts = {"label": _("For example: Sam, or Grandma. They see it too: it is offered "
                                "as their name when they join, and they can change it.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].initial = Role.CAREGIVER
        self.fields["role"].choices = [c for c in self.fields["role"].choices if c[0]]


class ResetForm(PasswordResetForm):
    email = forms.EmailField(label=_("E-mail"), max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email",
                                                            "autofocus": True}))


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("What is it for?"), max_length=60,
                           help_text=_("For example “Home Assistant button” or “export script”."))


class MeasuresForm(forms.ModelForm):
    """How she reads amounts, weights, times of day and weeks. Each left empty follows the
    habit of the place the household lives (``habits`` shows it beside the choice)."""

    class Meta:
        model = User
        fields = ("volume_unit", "weight_unit", "temperature_unit", "clock", "week_start")
        labels = {"volume_unit": _("Bottle amounts in"),
                  "weight_unit": _("Weights and lengths in"),
                  "temperature_unit": _("Temperatures in"),
                  "clock": _("Times of day"), "week_start": _("Weeks start on")}

    def __init__(self, *args, habits, **kwargs):
        super().__init__(*args, **kwargs)
        usual = {
            "volume_unit": habits.volume,
            "weight_unit": habits.weight,
            "temperature_unit": habits.temperature,
            "clock": str(habits.clock),
            "week_start": str(habits.week_start),
        }
        for name, field in self.fields.items():
            named = dict(field.choices).get(usual[name], "")
            field.choices = [("", _("Usual here: %(habit)s") % {"habit": named})] + [
                choice for choice in field.choices if choice[0] != ""]
            field.required = False
