"""Running `nestwell` in the test's own process, its output caught."""

import io
from contextlib import redirect_stderr, redirect_stdout

from nestwell.cli import main


def run_cli(*argv):
    """``(exit code, stdout, stderr)`` of ``nestwell ARGV`` (argparse's exits included)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as stop:
            code = stop.code
    return code, out.getvalue(), err.getvalue()
