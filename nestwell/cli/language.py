"""Which language the command line speaks: ``--language CODE`` (before the command), else
``NESTWELL_LANGUAGE``, else the locale (the first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG``
that is set), else English. As on the web (accounts/language.py), only a language whose
catalogue is complete (settings.LANGUAGES) is ever chosen; any other falls back to
English."""

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
OPTION = "--language"


def from_arguments(argv) -> str | None:
    """The value of ``--language`` among the options before the command (argparse also
    takes an unambiguous start of it, such as ``--lang``). What follows the command is
    the command's: ``nestwell manage … --language`` is not ours."""
    argv = list(argv)
    for index, word in enumerate(argv):
        if not word.startswith("-") or word == "--":
            return None
        name, equals, value = word.partition("=")
        if len(name) >= 3 and OPTION.startswith(name):
            if equals:
                return value
            return argv[index + 1] if index + 1 < len(argv) else None
    return None


def from_locale(value: str) -> str:
    """``fr_FR.UTF-8`` -> ``fr-fr``; ``C`` and ``POSIX`` are no language."""
    value = value.split(".", 1)[0].split("@", 1)[0]
    if value.upper() in ("C", "POSIX"):
        return ""
    return value.replace("_", "-").lower()


def supported(code: str, codes) -> str | None:
    """``code`` itself, else its main language (``fr-ca`` -> ``fr``), if offered."""
    code = (code or "").strip().replace("_", "-").lower()
    for candidate in (code, code.split("-", 1)[0]):
        if candidate and candidate in codes:
            return candidate
    return None


def choose(argv, environ, codes, default="en") -> tuple[str, str | None]:
    """The language to speak, and what the person asked for if it is not offered (so the
    command can say it goes on in English). The first source that names a language
    decides."""
    asked = from_arguments(argv) or environ.get("NESTWELL_LANGUAGE", "").strip()
    if asked:
        return supported(asked, codes) or default, (None if supported(asked, codes) else asked)
    for variable in LOCALE_VARIABLES:
        if environ.get(variable):
            return supported(from_locale(environ[variable]), codes) or default, None
    return default, None
