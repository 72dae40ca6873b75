"""Links that are secrets themselves (a report link, an invitation, a password reset),
with the secret taken out, for logs: the route stays, the token never."""

import logging
import re

SECRET_PATHS = [
    (re.compile(r"(/r/)[^/\s?\"']+"), r"\1[redacted]"),
    (re.compile(r"(/join/)[^/\s?\"']+"), r"\1[redacted]"),
    (re.compile(r"(/password-reset/)(?!sent/)[^/\s?\"']+/[^/\s?\"']+"),
     r"\1[redacted]/[redacted]"),
]


def redact(text: str) -> str:
    for pattern, replacement in SECRET_PATHS:
        text = pattern.sub(replacement, text)
    return text


class RedactSecretLinks(logging.Filter):
    """A logging filter: Django's own lines ("Not Found: /r/…/") lose the token too."""

    def filter(self, record):
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
