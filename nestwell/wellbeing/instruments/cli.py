"""``nestwell score``: score a questionnaire from the command line. No Django needed: run on
its own it speaks English; within ``nestwell`` it speaks the person's language (the
sentences through the catalogue, the questionnaire's own words from its translation file
when there is one)."""

import argparse
import json
import os
import re
import sys

from nestwell.lib.translation import gettext as _
from nestwell.lib.translation import language
from nestwell.wellbeing import crisis
from nestwell.wellbeing.instruments import IDS, InvalidAnswers, InvalidInstrument, load, score_total
from nestwell.wellbeing.instruments import score as score_answers


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("instrument", help=_("one of: %(ids)s") % {"ids": ", ".join(IDS)})
    parser.add_argument("--answers", help=_("option positions in published order, 0 = first "
                                            "option, separated by commas (e.g. 0,1,2,0,…)"))
    parser.add_argument("--total", type=int, help=_("a total from a paper form, instead of "
                                                    "--answers"))
    parser.add_argument("--safety-score", type=int,
                        help=_("with --total: the score of the safety question (EPDS item 10)"))
    parser.add_argument("--content-dir", help=_("a folder with an organisation's instrument "
                                                "files (content pack)"))
    parser.add_argument("--country", help=_("two letters (GB, US, DE…): whose emergency "
                                            "number and support lines to give when an "
                                            "answer signals a risk of harm; by default, "
                                            "the country set for this Nestwell's "
                                            "households, else that of this machine's "
                                            "time zone"))
    parser.add_argument("--json", action="store_true", help=_("print one JSON object"))


def run(args, stdout=None, stderr=None) -> int:
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr  # as they are now, not at import
    try:
        instrument = load(args.instrument, content_dir=args.content_dir, language=language())
    except KeyError as exc:
        print(f"nestwell score: {exc.args[0]}", file=stderr)
        return 2
    except InvalidInstrument as exc:
        print(f"nestwell score: {exc}", file=stderr)
        return 2
    try:
        if args.total is not None:
            if args.answers:
                raise InvalidAnswers(_("Give either --answers or --total, not both."))
            safety_items = sorted(instrument.safety)
            scores = ({safety_items[0]: args.safety_score}
                      if args.safety_score is not None and safety_items else {})
            result = score_total(instrument, args.total, scores)
        elif args.answers is not None:
            result = score_answers(instrument, _positions(args.answers))
        else:
            raise InvalidAnswers(_("Give the answers with --answers (or a paper total with "
                                   "--total)."))
    except InvalidAnswers as exc:
        print(f"nestwell score: {exc}", file=stderr)
        return 2
    data = result.to_dict()
    if args.total is not None and args.safety_score is None and instrument.safety:
        # A paper total without the safety question's score: unknown, never "no risk" (an
        # empty list read as such).
        data["safety_unknown"] = sorted(instrument.safety)
    support = support_for(getattr(args, "country", None)) if data["safety"] else None
    if args.json:
        if support:
            data["support"] = support
        print(json.dumps(data, ensure_ascii=False), file=stdout)
        return 0
    if data["safety"]:
        # First, above the total: a reassuring band ("few or no signs of low mood") read
        # before the safety signal had said the opposite of what mattered (Aoife's walk).
        print(_("Safety: question(s) %(numbers)s signal a possible risk of harm.")
              % {"numbers": ", ".join(map(str, data["safety"]))}, file=stdout)
        # As on the page, help comes with the signal: whom to call, now.
        print_support(support, _("If you, or the person who answered, may be in danger now, "
                                 "call %(emergency)s."), stdout)
    said = {"name": instrument.name, "total": data["total"], "most": instrument.max_total,
            # the band in her language, as on the page (wellbeing/bands.py marks them)
            "band": _(data["band_label"]) if data["band_label"] else ""}
    if data["band_label"]:
        print(_("%(name)s: total %(total)s of %(most)s — %(band)s") % said, file=stdout)
    else:
        print(_("%(name)s: total %(total)s of %(most)s") % said, file=stdout)
    for code, value in data["subscales"].items():
        if code in data["above_cutoff"]:
            line = _("%(subscale)s: %(score)s (above the published threshold)")
        else:
            line = _("%(subscale)s: %(score)s")
        print("  " + line % {"subscale": code, "score": value}, file=stdout)
    if data.get("safety_unknown"):
        print("  " + _("Safety: the score of question %(numbers)s was not given; its answer "
                       "matters more than the total (--safety-score).")
              % {"numbers": ", ".join(map(str, data["safety_unknown"]))}, file=stdout)
    print("  " + _("Source: %(citation)s") % {"citation": instrument.citation}, file=stdout)
    return 0


def _machine_zone() -> str:
    """This machine's time zone by name ("Europe/London"): $TZ as it was before Django
    set it to the project's UTC (kept by ``nestwell`` in $NESTWELL_MACHINE_TZ), else
    /etc/localtime's link; "" when neither says."""
    zone = os.environ.get("NESTWELL_MACHINE_TZ", os.environ.get("TZ", "")).lstrip(":")
    if zone:
        return zone
    try:
        target = os.path.realpath("/etc/localtime")
    except OSError:
        return ""
    _head, found, name = target.partition("zoneinfo/")
    return name if found else ""


def print_support(support: dict, first: str, stdout) -> None:
    """Whom to call, now: ``first`` (with the emergency number), the lines, the text lines
    and the support page, each on its own line."""
    print("  " + first % {"emergency": support["emergency"]}, file=stdout)
    for line in support["lines"]:
        said = (_("%(name)s: %(number)s (%(hours)s)") if line["hours"]
                else _("%(name)s: %(number)s"))
        print("  " + said % line, file=stdout)
        if line.get("text"):
            print("    " + _("Text: %(text)s") % line, file=stdout)
    for line in support["text_lines"]:
        print("  " + _("%(name)s: text %(text)s") % line, file=stdout)
    print("  " + _("Nestwell's support page (/support/) has these and more, for any "
                   "country."), file=stdout)


def support_for(country: str | None, time_zone: str | None = None) -> dict:
    """The emergency number, the first two support lines and the first two text services
    of ``country`` (else of ``time_zone``, by default the machine's, else the general
    answer: 112), from the support page's data, in her language."""
    zone = _machine_zone() if time_zone is None else time_zone
    lines = crisis.for_a_loss(
        crisis.lines_for(country or "", zone, language=language() or "en"), False)
    return {"country": lines.get("code", ""),
            "emergency": lines["emergency"][0]["number"],
            "lines": [{"name": line.get("name", ""), "number": line.get("number", ""),
                       "hours": line.get("hours") or "", "text": line.get("text") or ""}
                      for line in lines.get("lines", []) if line.get("number")][:2],
            "text_lines": [{"name": line.get("name", ""), "text": line.get("text", "")}
                           for line in lines.get("text_services") or []
                           if line.get("text")][:2],
            "support_url": "/support/"}


def _positions(raw: str) -> list[int]:
    parts = [p.strip() for p in raw.split(",")] if raw.strip() else []
    positions = []
    for n, part in enumerate(parts, start=1):
        if not re.fullmatch(r"-?[0-9]{1,3}", part):
            raise InvalidAnswers(_("Question %(number)s: %(answer)s is not a whole number.")
                                 % {"number": n, "answer": repr(part)})
        positions.append(int(part))
    return positions


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="nestwell score",
                                     description=_("Score a questionnaire exactly as "
                                                   "published."))
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
