"""Compressed pages without a BREACH hole.

BREACH reads a secret out of a compressed HTTPS response by making the victim's browser
fetch the page many times with guessed text reflected next to the secret and watching
the sizes. Three things close it here:

- the CSRF token is masked with fresh random bytes in every response (Django), and
  Django's GZipMiddleware pads each compressed body with random bytes ("Heal the
  Breach"), so sizes do not converge on any stable secret;
- a response is compressed only when the browser says the request came from Nestwell's
  own pages or from her typing the address (``Sec-Fetch-Site: same-origin`` or ``none``),
  or when the request carries no cookies at all (a script with a token). A request that
  another site triggers (``cross-site``/``same-site``) rides on her cookies, so it gets
  the page uncompressed and an attacker has no sizes to measure;
- only text (HTML, JSON, CSV) is compressed; files and streams are left alone.

Static files are compressed ahead of time by WhiteNoise and carry no secrets.
"""

from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers

OWN_REQUEST = {"same-origin", "none"}
TEXT_TYPES = ("text/html", "application/json", "text/csv", "text/plain")


def may_compress(request, response) -> bool:
    if response.streaming:
        return False
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    if content_type not in TEXT_TYPES:
        return False
    if request.headers.get("Sec-Fetch-Site") in OWN_REQUEST:
        return True
    return not request.COOKIES


class SafeGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        patch_vary_headers(response, ("Sec-Fetch-Site",))
        if not may_compress(request, response):
            return response
        return super().process_response(request, response)
