from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nestwell.forms import SHARED_NOTE_HELP, DateInput, ServiceErrorsMixin
from nestwell.milestones import kinds as milestones


class MilestoneForm(ServiceErrorsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("What happened"), choices=milestones.CHOICES,
                             widget=forms.RadioSelect)
    title = forms.CharField(label=_("In your words"), required=False, max_length=80,
                            help_text=_("For “Something else”: a few words, like "
                                        "“First time in the sea”."))
    happened_on = forms.DateField(label=_("When"), widget=DateInput)
    note = forms.CharField(label=_("A note for later"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=SHARED_NOTE_HELP)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, milestone=None, **kwargs):
        initial = {"happened_on": timezone.localdate()}
        if milestone is not None:
            initial = {"kind": milestone.kind, "title": milestone.title,
                       "happened_on": milestone.happened_on, "note": milestone.note,
                       "version": milestone.version}
        super().__init__(*args, initial=initial, **kwargs)

    def clean_happened_on(self):
        value = self.cleaned_data["happened_on"]
        if not 1900 <= value.year <= 2200:
            raise forms.ValidationError(_("Enter a date between 1900 and 2200."))
        return value
