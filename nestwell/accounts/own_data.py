"""What other apps keep of one person's own (her settings, her choices), registered from
their ``AppConfig.ready()``, so that her download of her own data holds it too. The
download is made by transfer, which sits beside the apps that keep such things and never
imports them: each adds a section here instead.

``section(name, rows)``: ``rows(user)`` gives a list of JSON-ready dicts, each naming its
household (``"household": name``), in a fixed number of queries.
"""

from collections.abc import Callable

sections: dict[str, Callable] = {}


def section(name, rows):
    sections[name] = rows
