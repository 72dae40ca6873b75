from django import template

from nestwell.wellbeing import bands, questionnaires

register = template.Library()


@register.filter
def band(value):
    """{{ s.band_label|band }}: a score band's words in the language in use."""
    return bands.label(value)


@register.filter
def unanswered(numbers):
    """{{ s.safety_unanswered|unanswered }}: "safety question 10 not noted", or nothing."""
    return questionnaires.unanswered_note(numbers)


@register.filter
def questionnaire(instrument_id):
    """{{ s.instrument|questionnaire }}: its name as she met it ("Worry and anxiety
    (GAD-7)"), never the stored id ("GAD7")."""
    intro = questionnaires.INTROS.get(instrument_id)
    return intro[0] if intro else str(instrument_id).upper()
