"""``nestwell score``: score a questionnaire from the command line. No Django needed."""

import argparse
import json
import re
import sys

from nestwell.wellbeing.instruments import IDS, InvalidAnswers, InvalidInstrument, load, score_total
from nestwell.wellbeing.instruments import score as score_answers


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("instrument", help=f"one of: {', '.join(IDS)}")
    parser.add_argument("--answers", help="option positions in published order, 0 = first "
                                          "option, separated by commas (e.g. 0,1,2,0,…)")
    parser.add_argument("--total", type=int, help="a total from a paper form, instead of "
                                                  "--answers")
    parser.add_argument("--safety-score", type=int,
                        help="with --total: the score of the safety question (EPDS item 10)")
    parser.add_argument("--content-dir", help="a folder with an organisation's instrument "
                                              "files (content pack)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def run(args, stdout=sys.stdout, stderr=sys.stderr) -> int:
    try:
        instrument = load(args.instrument, content_dir=args.content_dir)
    except KeyError as exc:
        print(f"nestwell score: {exc.args[0]}", file=stderr)
        return 2
    except InvalidInstrument as exc:
        print(f"nestwell score: {exc}", file=stderr)
        return 2
    try:
        if args.total is not None:
            if args.answers:
                raise InvalidAnswers("Give either --answers or --total, not both.")
            safety_items = sorted(instrument.safety)
            scores = ({safety_items[0]: args.safety_score}
                      if args.safety_score is not None and safety_items else {})
            result = score_total(instrument, args.total, scores)
        elif args.answers is not None:
            result = score_answers(instrument, _positions(args.answers))
        else:
            raise InvalidAnswers("Give the answers with --answers (or a paper total with "
                                 "--total).")
    except InvalidAnswers as exc:
        print(f"nestwell score: {exc}", file=stderr)
        return 2
    data = result.to_dict()
    if args.json:
        print(json.dumps(data, ensure_ascii=False), file=stdout)
    else:
        print(f"{instrument.name}: total {data['total']} of {instrument.max_total}"
              + (f" — {data['band_label']}" if data["band_label"] else ""), file=stdout)
        for code, value in data["subscales"].items():
            mark = " (above the published threshold)" if code in data["above_cutoff"] else ""
            print(f"  {code}: {value}{mark}", file=stdout)
        if data["safety"]:
            print(f"  Safety: question(s) {', '.join(map(str, data['safety']))} signal a "
                  "possible risk of harm.", file=stdout)
        print(f"  Source: {instrument.citation}", file=stdout)
    return 0


def _positions(raw: str) -> list[int]:
    parts = [p.strip() for p in raw.split(",")] if raw.strip() else []
    positions = []
    for n, part in enumerate(parts, start=1):
        if not re.fullmatch(r"-?[0-9]{1,3}", part):
            raise InvalidAnswers(f"Question {n}: {part!r} is not a whole number.")
        positions.append(int(part))
    return positions


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="nestwell score",
                                     description="Score a questionnaire exactly as published.")
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
