from django import template

from nestwell.wellbeing import bands

register = template.Library()


@register.filter
def band(value):
    """{{ s.band_label|band }}: a score band's words in the language in use."""
    return bands.label(value)
