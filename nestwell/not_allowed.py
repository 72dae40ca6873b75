"""A page for an address that only a button sends to (a 405): opened from the browser's
history or a bookmark, it had been a blank page."""

from django.shortcuts import render


class MethodNotAllowedPage:
    """Answers a 405 of a page (not the API, which answers JSON) with a short page that
    says so and leads home; the status stays 405. Last of the middleware, inside the
    household's (the page is in her language) and inside no-store, messages and framing
    (its page gets their headers as any page does)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (response.status_code == 405 and not response.content
                and request.method in ("GET", "HEAD") and not request.path.startswith("/api/")):
            page = render(request, "405.html", status=405)
            page["Allow"] = response.get("Allow", "")
            return page
        return response
