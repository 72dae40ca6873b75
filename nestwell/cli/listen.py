"""Listening: ``nestwell listen evaluate`` (the detector's figures on labelled clips) and
``nestwell listen file`` (the alarms one recording would raise). Needs the ``listen`` extra
(numpy and LiteRT) and no database; Django only for the language it answers in."""

import json
import sys

from django.utils.translation import gettext as _

USAGE_ERROR = 2


def add_parsers(sub):
    listen = sub.add_parser(
        "listen", help=_("the cry detector on audio files (needs pip install 'nestwell[listen]')"),
        description=_("Run the nursery cry detector (YAMNet and the shipped rules, the same the "
                      "listening page runs) on WAV files."))
    commands = listen.add_subparsers(dest="listen_command", metavar="COMMAND", required=True)

    evaluate = commands.add_parser(
        "evaluate", help=_("figures of the shipped detector on labelled clips"),
        description=_("Read a CSV manifest with the columns path (relative to the manifest's "
                      "folder) and label (1 crying, 0 not); run the detector on every clip and "
                      "print the ROC AUC of the per-clip score, and at the shipped operating "
                      "point the recall (crying clips that raise an alarm) and the false alarms "
                      "per hour of non-crying audio. Exit status: 0 done, 2 refused input, "
                      "1 failed."))
    evaluate.add_argument("manifest", metavar="MANIFEST.csv")
    evaluate.add_argument("--json", action="store_true", help=_("print one JSON object"))
    evaluate.set_defaults(func=cmd_evaluate)

    one = commands.add_parser(
        "file", help=_("the alarms one recording would raise, with times"),
        description=_("Run the detector on one WAV file and print each event it raises "
                      "(crying started, crying stopped, happy sounds) with its time from the "
                      "start of the file. Exit status: 0 done, 2 refused input, 1 failed."))
    one.add_argument("audio", metavar="AUDIO.wav")
    one.add_argument("--json", action="store_true", help=_("print the events as JSON"))
    one.add_argument("--frames", action="store_true",
                     help=_("with --json, add each frame's time, cry and happy probabilities "
                            "and the YAMNet scores the rules read (to compare with the browser)"))
    one.set_defaults(func=cmd_file)


def _refuse(message):
    print(message, file=sys.stderr)
    return USAGE_ERROR


def _modules():
    """The listening modules, or a message saying what to install."""
    try:
        from nestwell.listening import audio, detector, evaluation, yamnet
    except ImportError as error:  # numpy missing
        return None, _("nestwell listen works with numpy and LiteRT: pip install "
                       "'nestwell[listen]' (%(reason)s).") % {"reason": error}
    return (audio, detector, evaluation, yamnet), None


def cmd_evaluate(args):
    modules, problem = _modules()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    audio, detector, evaluation, yamnet = modules
    try:
        result = evaluation.evaluate_manifest(args.manifest)
    except (evaluation.ManifestError, audio.AudioError) as error:
        return _refuse(str(error))
    except (yamnet.ModelUnavailable, detector.RulesError) as error:
        print(error, file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(result))
        return 0
    print(_("%(clips)s clips; ROC AUC %(auc)s; at the shipped threshold %(threshold)s: "
            "recall %(recall)s, %(false_alarms_per_hour)s false alarms per hour over "
            "%(negative_hours)s hours of non-crying audio; %(ms_per_audio_second)s ms per "
            "second of audio.") % result)
    return 0


def _frames(detector, rules, scores, times, levels):
    cry, happy = detector.frame_probabilities(scores, rules, levels)
    heard = detector.heard(levels, rules)
    used = sorted(set(rules["heads"]["cry"]["indices"]) | set(rules["heads"]["happy"]["indices"]))
    return [{"t": round(float(t), 3), "level": round(float(lv), 2), "heard": bool(loud),
             "cry": round(float(c), 5), "happy": round(float(h), 5),
             "scores": {str(i): round(float(row[i]), 5) for i in used} if loud else None}
            for t, lv, loud, c, h, row in zip(times, levels, heard, cry, happy, scores,
                                              strict=True)]


def _clock(seconds):
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes)}:{rest:06.3f}"


def cmd_file(args):
    modules, problem = _modules()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    audio, detector, _evaluation, yamnet = modules
    try:
        samples = audio.read_wav(args.audio)
        rules = detector.load_rules()
        frames, times = detector.frame_audio(samples, rules["hop_samples"])
        scores, levels = detector.gated_scores(yamnet.Yamnet(), frames, rules)
    except audio.AudioError as error:
        return _refuse(str(error))
    except (yamnet.ModelUnavailable, detector.RulesError) as error:
        print(error, file=sys.stderr)
        return 1
    events = detector.events_for(scores, rules, levels)
    if args.json:
        result = {"seconds": round(len(samples) / audio.SAMPLE_RATE, 3),
                  "rules": rules["version"], "events": events}
        if args.frames:
            result["frames"] = _frames(detector, rules, scores, times, levels)
        print(json.dumps(result))
        return 0
    words = {"crying_started": _("crying started"), "crying_stopped": _("quiet again"),
             "happy_sounds": _("happy sounds")}
    for event in events:
        said = words[event["event"]]
        if event["event"] == "crying_started":
            said = _("%(event)s (confidence %(confidence).2f)") % {
                "event": said, "confidence": event["confidence"]}
        print(f"{_clock(event['t'])}  {said}")
    if not any(event["event"] == "crying_started" for event in events):
        print(_("No crying heard."))
    return 0
