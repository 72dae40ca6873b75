from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nestwell.forms import DateInput, ServiceErrorsMixin
from nestwell.keepsake.models import DEDICATION_LIMIT, NOTE_LIMIT, TITLE_LIMIT, Paper

NOT_HERE = gettext_lazy("Something you ticked is not here to choose any more (or never was "
                        "in this book). Nothing was changed: please look again and save.")


class KeepsakeForm(forms.Form):
    """The cover's words, the dates, the paper and the ticked items. The items offered are
    the only ones accepted: an id from elsewhere is refused, and nothing is saved."""

    title = forms.CharField(label=gettext_lazy("Title"), max_length=TITLE_LIMIT,
                            required=False)
    dedication = forms.CharField(
        label=gettext_lazy("A few words for the cover"), max_length=DEDICATION_LIMIT,
        required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("A dedication, a wish, a line you love. Leave it empty if "
                               "you like."))
    first = forms.DateField(label=gettext_lazy("From"), widget=DateInput)
    last = forms.DateField(label=gettext_lazy("To"), widget=DateInput)
    paper = forms.ChoiceField(label=gettext_lazy("Paper"), choices=Paper.choices,
                              widget=forms.RadioSelect)
    picked = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple,
                                       error_messages={"invalid_choice": NOT_HERE})
    cover = forms.ChoiceField(required=False, error_messages={"invalid_choice": NOT_HERE})

    def __init__(self, *args, offered, photos, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["picked"].choices = [(key, key) for key in sorted(offered)]
        self.fields["cover"].choices = [("", "")] + [(key, key) for key in photos]

    def clean(self):
        data = super().clean()
        first, last = data.get("first"), data.get("last")
        if first and last and last < first:
            self.add_error("last", _("The end comes before the start."))
        return data


class NoteForm(ServiceErrorsMixin, forms.Form):
    written_on = forms.DateField(label=gettext_lazy("For the day"), widget=DateInput,
                                 help_text=gettext_lazy("It goes in the book with that month."))
    text = forms.CharField(
        label=gettext_lazy("Your words"), max_length=NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": gettext_lazy("Write a few words first.")},
        help_text=gettext_lazy("Only you see your notes, and they go in the book only if "
                               "you tick them."))
