"""Small pieces of language shared by every app."""

from django.utils.translation import pgettext


def listed(items) -> str:
    """Items in a row, separated as her language writes a list: "a, b" in English,
    "أ، ب" in Arabic (a Latin comma read as a slip there)."""
    return pgettext("list separator", ", ").join(str(item) for item in items)
