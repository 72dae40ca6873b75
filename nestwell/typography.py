"""Typography a catalogue line cannot carry, because a time or a name is put in after the
line is translated: Spanish times (``nestwell.spanish``) and French elision before a name
(``nestwell.french``), on every page made in those languages, never in her own words."""

from nestwell import french, spanish


class Typesetting:
    """Pages made in Spanish or French, as their modules say (HTML only: a JSON answer
    keeps its data as it is)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.rules = {"es": spanish.typeset_page, "fr": french.typeset_page}

    def __call__(self, request):
        response = self.get_response(request)
        rule = self.rules.get(response.get("Content-Language", "")[:2])
        if (rule is not None and not response.streaming
                and response.get("Content-Type", "").startswith("text/html")):
            text = response.content.decode(response.charset)
            fixed = rule(text)
            if fixed != text:
                response.content = fixed.encode(response.charset)
                if response.has_header("Content-Length"):
                    response["Content-Length"] = str(len(response.content))
        return response
