"""For the photo's part of an edit page, which pages of lower apps include."""

from django import template

from nestwell.photos.models import CAPTION_LIMIT

register = template.Library()


@register.simple_tag
def caption_limit():
    return CAPTION_LIMIT
