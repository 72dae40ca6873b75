"""Filters for the server's log."""

import logging


class RefusalsWithoutTraceback(logging.Filter):
    """A refusal (403) is said in one line. Django logs it with the exception that made it,
    so every viewer's tap on a button she may not use wrote a whole traceback."""

    def filter(self, record):
        if getattr(record, "status_code", None) == 403:
            record.exc_info, record.exc_text = None, None
        return True


class UnknownHostInOneLine(logging.Filter):
    """A request for a host name Nestwell was not told about is one line naming the
    setting to change. Django wrote thirteen lines of traceback for each, ending in "add
    it to ALLOWED_HOSTS", a name the operator never sets (NESTWELL_ALLOWED_HOSTS)."""

    def filter(self, record):
        record.exc_info, record.exc_text = None, None
        message = record.getMessage()
        if "ALLOWED_HOSTS" in message and "NESTWELL_ALLOWED_HOSTS" not in message:
            record.msg = message.replace("ALLOWED_HOSTS", "NESTWELL_ALLOWED_HOSTS (a comma-"
                                         "separated list)")
            record.args = ()
        return True
