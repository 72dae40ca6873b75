from django import template
from django.utils.html import format_html

from nestwell.accounts import idempotency

register = template.Library()


@register.simple_tag(takes_context=True)
def idempotency_key(context):
    """The hidden one-time key of a create form. A form sent back with errors keeps the
    key it came with, so correcting and saving it still counts as one submission."""
    request = context.get("request")
    sent = idempotency.key_sent(request) if request is not None and request.method == "POST" \
        else None
    return format_html('<input type="hidden" name="{}" value="{}">', idempotency.FIELD,
                       sent or idempotency.new_key())
