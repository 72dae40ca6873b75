"""Bringing data straight from a Baby Buddy server through its REST API.

Pages are fetched one at a time (``limit``/``offset`` with ``next`` links) and turned into
rows as they arrive, so a long history never sits whole in memory. Only the server given
is contacted: a ``next`` link to another host is refused.
"""

import json
import urllib.error
import urllib.parse
import urllib.request

from django.utils.translation import gettext as _

from nestwell.transfer.importers.babybuddy import SKIPPED, rows_from_api, table_named
from nestwell.transfer.records import Skipped

TABLES = ("feedings", "sleep", "tummy-times", "changes", "temperature", "pumping",
          "medication", "notes")
# Brought over when the server has them (an older one may not have every table).
GROWTH_TABLES = ("weight", "height", "head-circumference")
# Tables that an older or trimmed server may not have: left out quietly when missing.
OPTIONAL = ("changes", "temperature", "pumping", "medication", "notes")
# What a Baby Buddy server holds that Nestwell does not bring over: counted, and said.
LEFT_BEHIND = ("bmi", "timers")
PAGE = 200
TIMEOUT = 20


class FetchError(ValueError):
    """The server could not be read; the message says why, for a person."""


def _base(url):
    parsed = urllib.parse.urlparse((url or "").strip())
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise FetchError(_("“%(url)s” is not a web address like https://babybuddy.example.org.")
                         % {"url": url})
    return parsed


def _get(url, token, base):
    target = urllib.parse.urlparse(url)
    if (target.scheme, target.netloc) != (base.scheme, base.netloc):
        raise FetchError(_("The server pointed to another address; Nestwell only reads the "
                           "server you gave."))
    request = urllib.request.Request(url, headers={  # noqa: S310 (scheme checked above)
        "Authorization": f"Token {token}", "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            return json.load(response)
    except urllib.error.HTTPError as exc:
        if exc.code in (401, 403):
            raise FetchError(_("Baby Buddy refused the API key (check it under your user "
                               "settings in Baby Buddy).")) from exc
        raise FetchError(_("Baby Buddy answered %(code)s for %(url)s.")
                         % {"code": exc.code, "url": url}) from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise FetchError(_("Baby Buddy could not be reached at %(netloc)s (%(exc)s).")
                         % {"netloc": base.netloc, "exc": exc}) from exc
    except ValueError as exc:
        raise FetchError(_("%(url)s did not answer with JSON; is this a Baby Buddy server?")
                         % {"url": url}) from exc


def _pages(base, root, table, token, optional=False):
    url = f"{root}/api/{table}/?limit={PAGE}&offset=0"
    first = True
    while url:
        try:
            page = _get(url, token, base)
        except FetchError:
            if optional and first:
                return  # a server without this table
            raise
        first = False
        if not isinstance(page, dict) or "results" not in page:
            raise FetchError(_("%(url)s is not a Baby Buddy API page.") % {"url": url})
        yield page["results"]
        url = page.get("next")


def rows(url, token, *, time_zone, amount_unit="ml"):
    """All rows from a Baby Buddy server: children first, then each table."""
    base = _base(url)
    root = f"{base.scheme}://{base.netloc}{base.path.rstrip('/')}"
    children = {}
    for results in _pages(base, root, "children", token):
        for child in results:
            children[str(child.get("id"))] = child
    yield from rows_from_api("children", list(children.values()), children, time_zone)
    for table in TABLES + GROWTH_TABLES:
        if table in OPTIONAL:
            try:
                _get(f"{root}/api/{table}/?limit=1&offset=0", token, base)
            except FetchError:
                continue
        offset = 0
        for results in _pages(base, root, table, token, optional=table in GROWTH_TABLES):
            for row in rows_from_api(table, results, children, time_zone,
                                     amount_unit=amount_unit):
                row.source_row += offset
                yield row
            offset += len(results)
    for table in LEFT_BEHIND:
        try:
            page = _get(f"{root}/api/{table}/?limit=1&offset=0", token, base)
        except FetchError:
            continue  # an older server without this table
        count = page.get("count") if isinstance(page, dict) else None
        if isinstance(count, int) and not isinstance(count, bool) and count > 0:
            reason = SKIPPED.get(table_named(table) or "") or _("Not something Nestwell keeps.")
            yield Skipped(0, _("Baby Buddy %(table)s: %(reason)s")
                             % {"table": table, "reason": reason}, count=count)
