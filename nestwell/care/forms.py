from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from nestwell.care import cues
from nestwell.care.models import Outcome, Routine, RoutineStep
from nestwell.forms import SHARED_NOTE_HELP, DateTimeField, ServiceErrorsMixin
from nestwell.journal.kinds import KINDS, WRITTEN


class CueForm(ServiceErrorsMixin, forms.Form):
    """Correct a cue afterwards: times, what the baby needed, how it was answered."""

    started_at = DateTimeField(label=_("Started"))
    responded_at = DateTimeField(label=_("Answered at"), required=False)
    closed_at = DateTimeField(label=_("Settled at"), required=False)
    outcome = forms.ChoiceField(label=_("How it ended"), required=False,
                                widget=forms.RadioSelect,
                                choices=[(Outcome.SETTLED, Outcome.SETTLED.label),
                                         (Outcome.UNSETTLED, Outcome.UNSETTLED.label)])
    need = forms.ChoiceField(label=_("What they seemed to need"), required=False,
                             widget=forms.RadioSelect, choices=cues.NEED_CHOICES)
    intensity = forms.TypedChoiceField(label=_("How strongly"), required=False, coerce=int,
                                       empty_value=None, widget=forms.RadioSelect,
                                       choices=[(1, _("Softly")), (2, _("Clearly")),
                                                (3, _("Strongly"))])
    ways = forms.MultipleChoiceField(label=_("How you answered"), required=False,
                                     widget=forms.CheckboxSelectMultiple,
                                     choices=cues.WAY_CHOICES)
    responder = forms.ModelChoiceField(label=_("Who answered"), queryset=None,
                                       required=False, empty_label=_("Not noted"))
    note = forms.CharField(label=_("Note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=SHARED_NOTE_HELP)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, cue, household, **kwargs):
        initial = {"started_at": cue.started_at, "responded_at": cue.responded_at,
                   "closed_at": cue.closed_at, "outcome": cue.outcome, "need": cue.need,
                   "intensity": cue.intensity, "ways": cue.ways,
                   "responder": cue.responder_id, "note": cue.note, "version": cue.version}
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["responder"].queryset = get_user_model().objects.filter(
            memberships__household=household).order_by("display_name")
        if cue.signal not in cues.DISTRESS:
            del self.fields["closed_at"]
            del self.fields["outcome"]
            self.fields["started_at"].label = _("When")

    def clean(self):
        data = super().clean()
        data.setdefault("closed_at", None)
        data.setdefault("outcome", "")
        return data


class RoutineForm(forms.ModelForm):
    class Meta:
        model = Routine
        fields = ("name",)
        help_texts = {"name": _("For example: Bedtime, or Slow mornings.")}


ROUTINE_KINDS = [(code, kind.label) for code, kind in KINDS.items()
                 if code not in WRITTEN | {"movement_count", "bump_talk", "bump_music"}]


class StepForm(forms.ModelForm):
    # Starts empty: a spare row's select showed its first kind, so a routine of three steps
    # sent a fourth ("Skin-to-skin" with no time) and could not be saved.
    kind = forms.ChoiceField(label=_("What"), choices=[("", "—"), *ROUTINE_KINDS])

    class Meta:
        model = RoutineStep
        fields = ("kind", "at", "tolerance_minutes")
        widgets = {"at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}

    def clean_tolerance_minutes(self):
        value = self.cleaned_data["tolerance_minutes"]
        if not 5 <= value <= 240:
            raise forms.ValidationError(_("From 5 to 240 minutes."))
        return value


StepFormSet = forms.inlineformset_factory(
    Routine, RoutineStep, form=StepForm, extra=3, can_delete=True, min_num=1,
    validate_min=True, max_num=12)
