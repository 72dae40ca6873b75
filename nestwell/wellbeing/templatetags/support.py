import re

from django import template
from django.utils.html import escape, format_html, format_html_join, json_script

from nestwell.wellbeing import harm_words
from nestwell.wellbeing.names import baby_names

register = template.Library()

# "116 123", "0477 13 11 14", "+65 6669 1771", "1-833-852-6262".
_PHONE_NUMBER = re.compile(r"\+?\d[\d \-]*\d")


@register.filter
def numbers_in_order(text, rtl=True):
    """Phone numbers kept left to right inside right-to-left text: in Arabic, "116 123"
    would otherwise show as "123 116", and she would dial what she reads. A left-to-right
    page needs nothing (``rtl`` is the page's direction)."""
    if not text or not rtl:
        return text or ""
    text, out, last = str(text), [], 0
    for match in _PHONE_NUMBER.finditer(text):
        out += [escape(text[last:match.start()]),
                format_html('<bdi dir="ltr">{}</bdi>', match.group())]
        last = match.end()
    out.append(escape(text[last:]))
    return format_html_join("", "{}", ((piece,) for piece in out))


@register.simple_tag(takes_context=True)
def risk_phrases(context):
    """The words that open the support page, for the page's offline script: a note kept on
    the phone with no connection opens it as the server would (``harm_words``), the baby
    called by name too (her babies' names, and the words for "the baby" put in their
    place), and read as written out too (``harm_words.spoken``: "wanna", "ion", "kms")."""
    request = context.get("request")
    names = baby_names(getattr(request, "household", None))
    return json_script(list(harm_words.lines()), "risk-phrases") + json_script(
        {"names": names, "baby": list(harm_words.BABY_WORDS),
         "spoken": harm_words.spoken(), "unless": harm_words.unless_next()}, "risk-names")
