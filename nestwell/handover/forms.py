from django import forms
from django.utils.translation import gettext_lazy as _

from nestwell.forms import ServiceErrorsMixin
from nestwell.handover.models import NOTE_LIMIT


class NoteForm(ServiceErrorsMixin, forms.Form):
    """A line for one other member; the rules are in services.write_note."""

    addressee = forms.TypedChoiceField(label=_("For"), coerce=int, widget=forms.RadioSelect)
    text = forms.CharField(label=_("Your note"), max_length=NOTE_LIMIT,
                           widget=forms.TextInput(attrs={"autocomplete": "off"}),
                           help_text=_("For example: “The bottle in the fridge is from "
                                       "6 pm.” It shows on their handover card until they "
                                       "mark it read. Only the two of you see it."))

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["addressee"].choices = [(m.user_id, str(m.user)) for m in members]
        if len(members) == 1:  # the only one she can write to: chosen already
            self.fields["addressee"].initial = members[0].user_id
