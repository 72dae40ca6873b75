from django import forms
from django.utils.translation import gettext_lazy as _

from nestwell.forms import DateTimeField

FORMAT_CHOICES = [
    ("nestwell", _("A Nestwell export (JSON)")),
    ("babybuddy-csv", _("Baby Buddy (CSV export)")),
    ("huckleberry-csv", _("Huckleberry (CSV export)")),
    ("babytracker-csv", _("Baby Tracker (CSV export)")),
]


class ExportForm(forms.Form):
    format = forms.ChoiceField(label=_("As"), choices=[
        ("json", _("One JSON file (for moving to another Nestwell)")),
        ("csv", _("CSV files in a zip (for spreadsheets)"))], initial="json",
        widget=forms.RadioSelect)
    child = forms.ModelChoiceField(label=_("Baby"), queryset=None, required=False,
                                   empty_label=_("Every baby"))
    since = DateTimeField(label=_("From"), required=False)
    until = DateTimeField(label=_("Until"), required=False)

    def __init__(self, *args, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = household.children.all()

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["until"] <= data["since"]:
            self.add_error("until", _("The end comes before the start."))
        return data


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File"))
    format = forms.ChoiceField(label=_("It comes from"), choices=FORMAT_CHOICES)
    child = forms.ModelChoiceField(label=_("For which baby"), queryset=None, required=False,
                                   empty_label=_("As the file says"),
                                   help_text=_("Rows that do not name a baby go to this one."))
    amount_unit = forms.ChoiceField(
        label=_("Bottle amounts in the file are in"), initial="ml", required=False,
        choices=[("ml", _("millilitres (ml)")), ("oz", _("ounces (oz)"))],
        help_text=_("Used when the file does not say."))
    weight_unit = forms.ChoiceField(
        label=_("Weights in the file are in"), initial="kg", required=False,
        choices=[("kg", _("kilograms (kg)")), ("g", _("grams (g)")),
                 ("lb", _("pounds (lb)")), ("oz", _("ounces (oz)"))],
        help_text=_("Baby Buddy keeps weights as plain numbers, in the unit its owner "
                    "chose; the number as it was stays in each measurement's note."))
    length_unit = forms.ChoiceField(
        label=_("Lengths and head sizes in the file are in"), initial="cm", required=False,
        choices=[("cm", _("centimetres (cm)")), ("mm", _("millimetres (mm)")),
                 ("in", _("inches (in)"))],
        help_text=_("Baby Buddy keeps these as plain numbers too."))
    time_zone = forms.ChoiceField(label=_("Times in the file are in"), required=False,
                                  help_text=_("Used for times written without a zone."))

    def __init__(self, *args, household, **kwargs):
        from nestwell.accounts.forms import time_zone_choices

        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = household.children.all()
        self.fields["time_zone"].choices = time_zone_choices()
        self.fields["time_zone"].initial = household.time_zone
        # A file's plain numbers are most likely in the units she reads (Baby Buddy in the
        # US: ounces, pounds, inches); a US mother's "4" had been read as 4 ml.
        from nestwell.accounts import measures

        hers = measures.current()
        if hers.volume == "oz":
            self.fields["amount_unit"].initial = "oz"
        if hers.weight == "imperial":
            self.fields["weight_unit"].initial = "lb"
            self.fields["length_unit"].initial = "in"

    def clean_amount_unit(self):
        return self.cleaned_data.get("amount_unit") or "ml"

    def clean_weight_unit(self):
        return self.cleaned_data.get("weight_unit") or "kg"

    def clean_length_unit(self):
        return self.cleaned_data.get("length_unit") or "cm"


class DeleteHouseholdForm(forms.Form):
    name = forms.CharField(label=_("Type the household's name to confirm"))
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput)

    def __init__(self, *args, household, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.household, self.user = household, user

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if name.casefold() != self.household.name.casefold():
            raise forms.ValidationError(_("That is not the household's name."))
        return name

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That password is not right."))
        return password
