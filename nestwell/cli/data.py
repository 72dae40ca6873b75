"""The ``nestwell`` data commands: log, export, import and createuser.

They act as a person (``--as EMAIL``) in one of her households, with her role there, and
go through the same services and checks as the app. Exit codes: 0 done, 2 refused (bad
input, nothing changed), 1 something unexpected.
"""

import json
import sys
from datetime import datetime
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Refused(Exception):
    """Bad input: the message is printed and the command exits 2."""


NO_BABY_YET = gettext_lazy("There is no baby in this household yet: add one first in the app "
                           "(“Add a baby”).")


def _who(args):
    from nestwell.accounts.models import Membership, User

    email = args.as_user
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        raise Refused(_("No active account with the e-mail %(email)s.") % {"email": email})
    memberships = Membership.objects.select_related("household").filter(user=user)
    if args.household:
        memberships = memberships.filter(household__name__iexact=args.household)
    found = list(memberships[:2])
    if not found:
        if args.household:
            raise Refused(_("%(email)s is not in a household called “%(household)s”.")
                          % {"email": email, "household": args.household})
        raise Refused(_("%(email)s is not in a household.") % {"email": email})
    if len(found) > 1:
        raise Refused(_("%(email)s is in several households; choose one with --household.")
                      % {"email": email})
    return user, found[0]


def _activate(membership):

    from django.utils import timezone

    zone = membership.household.tz
    timezone.activate(zone)
    return zone


def _time(value, zone, name):
    if not value:
        return None
    if value == "now":
        from django.utils import timezone

        return timezone.now()
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise Refused(_("%(option)s: “%(value)s” is not a date and time like 2026-11-22T14:05.")
                      % {"option": name, "value": value}) from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)


def _child(household, name):
    from nestwell.children.models import Child

    if not name:
        return None
    child = Child.objects.filter(household=household, name__iexact=name).first()
    if child is None:
        names = ", ".join(Child.objects.filter(household=household).values_list("name",
                                                                                flat=True))
        if not names:
            raise Refused(_("There is no baby called “%(name)s” here. Babies: none yet.")
                          % {"name": name})
        raise Refused(_("There is no baby called “%(name)s” here. Babies: %(names)s.")
                      % {"name": name, "names": names})
    return child


def _messages(exc):
    return "; ".join(getattr(exc, "messages", None) or [str(exc)])


def cmd_log(args):
    from django.core.exceptions import ValidationError

    from nestwell.accounts.roles import Role, at_least
    from nestwell.journal import services
    from nestwell.journal.kinds import KINDS
    from nestwell.journal.models import Source
    from nestwell.wellbeing.instruments.cli import print_support

    user, membership = _who(args)
    if not at_least(membership.role, Role.CAREGIVER):
        raise Refused(_("A viewer cannot log moments."))
    zone = _activate(membership)
    if args.kind not in KINDS and args.kind not in CARE_DAY and args.kind != PUMP:
        raise Refused(_("Unknown kind “%(kind)s”. Kinds: %(kinds)s.")
                      % {"kind": args.kind, "kinds": ", ".join([*KINDS, *CARE_DAY, PUMP])})
    children = list(membership.household.children.all())
    child = _child(membership.household, args.child)
    if child is None:
        if not children:
            raise Refused(NO_BABY_YET)
        if len(children) != 1:
            raise Refused(_("Say which baby with --child NAME."))
        child = children[0]
    details = {}
    for pair in args.detail or []:
        key, sep, value = pair.partition("=")
        if not sep:
            raise Refused(_("--detail takes NAME=VALUE, not “%(given)s”.") % {"given": pair})
        details[key] = {"true": True, "false": False}.get(value.lower(), value)
    if args.kind in CARE_DAY:
        return _then_support(args, membership.household,
                             _log_care_day(args, user, child, zone, details))
    if args.kind == PUMP:
        return _then_support(args, membership.household,
                             _log_pump(args, user, child, zone, details))
    try:
        moment = services.log_moment(
            child=child, kind=args.kind, user=user,
            started_at=_time(args.start, zone, "--start"),
            ended_at=_time(args.end, zone, "--end"), details=details, note=args.note or "",
            source=Source.CLI, running=args.running)
    except ValidationError as exc:
        raise Refused(_messages(exc)) from exc
    result = {"id": moment.pk, "child": child.name, "kind": moment.kind,
              "started_at": moment.started_at.isoformat(),
              "ended_at": moment.ended_at.isoformat() if moment.ended_at else None,
              "details": moment.details}
    support = _support_after(moment.note, membership.household)
    if args.json:
        print(json.dumps({**result, **({"support": support} if support else {})},
                         ensure_ascii=False))
    else:
        words = {"kind": KINDS[moment.kind].label, "child": child.name, "id": moment.pk}
        if moment.ended_at is None:
            print(_("%(kind)s running for %(child)s (#%(id)s).") % words)
        else:
            print(_("%(kind)s logged for %(child)s (#%(id)s).") % words)
        if support:
            print_support(support, _("Your note speaks of harm. If you may be in danger now, "
                                     "call %(emergency)s."), sys.stdout)
    return 0


def _then_support(args, household, code):
    """After a nappy, a temperature, a dose, a pumping session or a measurement kept with
    a note of harm: whom to call (on stderr with --json, which printed its one object)."""
    from nestwell.wellbeing.instruments.cli import print_support

    support = _support_after(getattr(args, "note", "") or "", household) if code == 0 else None
    if support:
        print_support(support, _("Your note speaks of harm. If you may be in danger now, "
                                 "call %(emergency)s."),
                      sys.stderr if args.json else sys.stdout)
    return code


def _support_after(note, household):
    """Whom to call, in the household's country, when a note logged here speaks of ending
    one's life, of self-harm or of harming the baby (as the app opens its support page
    after such a note); else None (Aoife's walk: the command had only said "logged")."""
    from nestwell.wellbeing.instruments.cli import support_for
    from nestwell.wellbeing.notes import note_needs_support

    if not note_needs_support(note, household=household):
        return None
    return support_for(household.country, household.time_zone)


def cmd_measure(args):
    """A weight, length or head circumference, through the growth app's own rules."""
    from datetime import date
    from decimal import Decimal, InvalidOperation

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from nestwell.accounts.roles import Role, at_least
    from nestwell.growth import progress, services

    user, membership = _who(args)
    if not at_least(membership.role, Role.CAREGIVER):
        raise Refused(_("A viewer cannot add measurements."))
    _activate(membership)
    child = _child(membership.household, args.child)
    if child is None:
        children = list(membership.household.children.all())
        if not children:
            raise Refused(NO_BABY_YET)
        if len(children) != 1:
            raise Refused(_("Say which baby with --child NAME."))
        child = children[0]
    try:
        on = date.fromisoformat(args.on) if args.on else timezone.localdate()
    except ValueError as exc:
        raise Refused(_("--on: “%(value)s” is not a date like 2026-11-22.")
                      % {"value": args.on}) from exc

    def tenths(value, name):
        if value is None:
            return None
        try:
            return int(Decimal(value.replace(",", ".")).quantize(Decimal("0.1")) * 10)
        except (InvalidOperation, ValueError) as exc:
            raise Refused(_("%(option)s: “%(value)s” is not a number of centimetres.")
                          % {"option": name, "value": value}) from exc

    try:
        made = services.add_measurement(
            child=child, measured_on=on, user=user, weight_grams=args.weight,
            length_mm=tenths(args.length, "--length"), head_mm=tenths(args.head, "--head"),
            measured_by=args.by, note=args.note or "")
    except ValidationError as exc:
        raise Refused(_messages(exc)) from exc
    made.child = child
    row = progress.rows_for(child, [made])[0]
    result = {"id": made.pk, "child": child.name, "measured_on": on.isoformat(),
              "weight_grams": made.weight_grams, "length_cm": made.length_cm,
              "head_cm": made.head_cm, "centiles": {
                  k: round(s.centile, 1) for k, s in row.reading.scores.items()}}
    if not result["centiles"] and not child.sex:
        # An empty {} had said nothing: the WHO charts are drawn for girls and boys apart.
        result["centiles_note"] = str(_("No centiles: the WHO charts need to know whether "
                                        "the baby is a girl or a boy (About the baby)."))
    if args.json:
        print(json.dumps(result))
    else:
        print(_("Measurement kept for %(child)s (#%(id)s).") % {"child": child.name, "id": made.pk})
    return _then_support(args, membership.household, 0)


# Logged by `nestwell log` like moments, but kept by the health and medicines apps.
CARE_DAY = ("nappy", "temperature", "dose")


def _log_care_day(args, user, child, zone, details):
    """`nestwell log nappy --detail kind=wet` or `nestwell log temperature --detail
    celsius=37.4` (or fahrenheit=99.3): the health app's rules, as in the app."""
    from django.core.exceptions import ValidationError

    from nestwell.health import nappies, services
    from nestwell.health.fever import as_typed

    at = _time(args.start, zone, "--start")
    if args.kind == "dose":
        return _log_dose(args, user, child, zone, at, details)
    unknown = set(details) - ({"kind", "colour", "consistency"} if args.kind == "nappy"
                              else {"celsius", "fahrenheit"})
    if unknown:
        detail = sorted(unknown)[0]
        if args.kind == "nappy":
            raise Refused(_("A nappy has no detail called “%(detail)s”.") % {"detail": detail})
        raise Refused(_("A temperature has no detail called “%(detail)s”.")
                      % {"detail": detail})
    try:
        if args.kind == "nappy":
            made = services.add_nappy(child=child, kind=str(details.get("kind", "")),
                                      user=user, changed_at=at,
                                      colour=str(details.get("colour", "")),
                                      consistency=str(details.get("consistency", "")),
                                      note=args.note or "")
            result = {"id": made.pk, "child": child.name, "kind": "nappy",
                      "changed_at": made.changed_at.isoformat(), "nappy": made.kind,
                      "colour": made.colour, "pale": made.pale, "blood": made.blood}
            text = _("%(kind)s nappy kept for %(child)s (#%(id)s).") % {
                "kind": made.label, "child": child.name, "id": made.pk}
            if made.pale:
                text += " " + _("A pale, white or grey poo is worth a call to your midwife, "
                                "health visitor or GP today.")
            elif made.blood:
                text += " " + str(nappies.BLOOD_CALL)
        else:
            if ("celsius" in details) == ("fahrenheit" in details):
                # Translators: options and names after --detail are typed as they are: keep them.
                raise Refused(_("Give --detail celsius=… or --detail fahrenheit=… (one of "
                                "them)."))
            unit = "C" if "celsius" in details else "F"
            celsius = services.read_temperature(details.get("celsius",
                                                            details.get("fahrenheit")), unit)
            made = services.add_temperature(child=child, celsius=celsius, user=user,
                                            taken_at=at, note=args.note or "")
            reading = services.temperature_reading(made)
            result = {"id": made.pk, "child": child.name, "kind": "temperature",
                      "taken_at": made.taken_at.isoformat(), "celsius": str(as_typed(made.celsius)),
                      "reading": reading}
            text = _("%(celsius)s °C kept for %(child)s (#%(id)s).") % {
                "celsius": as_typed(made.celsius), "child": child.name, "id": made.pk}
            if reading == "call_now":
                text += " " + _("38 °C or more in a baby under 3 months: please call your GP, "
                                "midwife or local health line for advice now (NICE NG143).")
            elif reading == "low":
                text += " " + _("Under 36 °C in a baby: please keep your baby warm against "
                                "your skin and call your GP, midwife or local health line "
                                "for advice now (NICE NG51).")
    except ValidationError as exc:
        raise Refused(_messages(exc)) from exc
    print(json.dumps(result) if args.json else text)
    return 0


# `nestwell log pump`: a pumping session, kept by the milk app.
PUMP = "pump"
PUMP_DETAILS = {"amount", "unit", "side", "minutes", "store"}


def _log_pump(args, user, child, zone, details):
    """`nestwell log pump --detail amount=4 --detail unit=oz --detail side=left --detail
    minutes=15 --detail store=fridge`: the milk app's rules, as in the app."""
    from django.core.exceptions import ValidationError
    from django.utils import formats

    from nestwell.milk import services

    unknown = set(details) - PUMP_DETAILS
    if unknown:
        # Translators: %(details)s are the names to type after --detail, in English.
        raise Refused(_("A pumping session has no detail called “%(detail)s” (it takes "
                        "%(details)s).") % {"detail": sorted(unknown)[0],
                                            "details": ", ".join(sorted(PUMP_DETAILS))})
    minutes = details.get("minutes")
    if minutes is not None and not str(minutes).isdigit():
        raise Refused(_("minutes: “%(value)s” is not a whole number of minutes.")
                      % {"value": minutes})
    try:
        amount = services.read_amount(details.get("amount"), str(details.get("unit", "ml")))
        made = services.add_session(
            child=child, user=user, started_at=_time(args.start, zone, "--start"),
            minutes=int(minutes) if minutes is not None else None,
            side=str(details.get("side", "")), amount_ml=amount, note=args.note or "",
            store=str(details.get("store", "")))
    except ValidationError as exc:
        raise Refused(_messages(exc)) from exc
    stored = list(made.bags.values_list("pk", "place", "use_by"))
    result = {"id": made.pk, "child": child.name, "kind": PUMP,
              "started_at": made.started_at.isoformat(), "minutes": made.minutes,
              "side": made.side, "amount_ml": made.amount_ml,
              "stored": [{"id": pk, "place": place, "use_by": use_by.isoformat()}
                         for pk, place, use_by in stored]}
    text = _("Pumping kept for %(child)s (#%(id)s).") % {"child": child.name, "id": made.pk}
    for _pk, place, use_by in stored:
        text += " " + _("%(ml)s ml in the store (%(place)s), use by %(when)s.") % {
            "ml": made.amount_ml, "place": place,
            "when": formats.date_format(use_by.astimezone(zone), "D d M H:i")}
    print(json.dumps(result) if args.json else text)
    return 0


def _log_dose(args, user, child, zone, at, details):
    """`nestwell log dose --detail medicine="Vitamin D"` (with amount=… unit=… for another
    dose than the usual one): the medicines app's rules, as in the app."""
    from django.core.exceptions import ValidationError
    from django.utils import formats

    from nestwell.medicines import services
    from nestwell.medicines.models import Medicine

    unknown = set(details) - {"medicine", "amount", "unit"}
    if unknown:
        raise Refused(_("A dose has no detail called “%(detail)s”.")
                      % {"detail": sorted(unknown)[0]})
    name = str(details.get("medicine", "")).strip()
    found = Medicine.objects.filter(child=child, stopped=False).select_related("child")
    medicine = next((m for m in found if m.name.casefold() == name.casefold()), None)
    if medicine is None:
        names = ", ".join(f"“{m.name}”" for m in found)
        if not names and name:
            # The guide's own example, before any medicine was added, had been told to
            # give the --detail it gave.
            raise Refused(_("%(child)s has no medicine called “%(name)s” yet: add it on the "
                            "Medicines page first.") % {"child": child.name, "name": name})
        if not names:
            raise Refused(_("Say which medicine with --detail medicine=NAME. %(child)s's: "
                            "none yet (add one in the app).") % {"child": child.name})
        if name:
            raise Refused(_("%(child)s has no medicine called “%(name)s”. %(child)s's: "
                            "%(names)s.") % {"child": child.name, "name": name,
                                             "names": names})
        raise Refused(_("Say which medicine with --detail medicine=NAME. %(child)s's: "
                        "%(names)s.") % {"child": child.name, "names": names})
    try:
        made = services.give(medicine=medicine, user=user, given_at=at,
                             amount=details.get("amount"), unit=details.get("unit"),
                             note=args.note or "")
    except ValidationError as exc:
        raise Refused(_messages(exc)) from exc
    [status] = services.statuses([medicine])
    after = status.next.not_before if status.next else None
    result = {"id": made.pk, "child": child.name, "kind": "dose", "medicine": medicine.name,
              "given_at": made.given_at.isoformat(),
              "amount": None if made.amount is None else str(made.amount), "unit": made.unit,
              "next_dose_not_before": after.isoformat() if after else None}
    text = _("%(medicine)s kept for %(child)s (#%(id)s).") % {
        "medicine": medicine.name, "child": child.name, "id": made.pk}
    if after:
        text += " " + _("By the schedule you entered, the next not before %(when)s.") % {
            "when": formats.date_format(after.astimezone(zone), "D H:i")}
    print(json.dumps(result) if args.json else text)
    return 0


def _private(path, mode, **kwargs):
    """Open a new file only its owner can read: an export holds private things."""
    import os

    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as exc:
        raise Refused(_("Cannot write %(path)s: %(reason)s.")
                      % {"path": path, "reason": exc.strerror}) from exc
    os.chmod(path, 0o600)
    return os.fdopen(descriptor, mode, **kwargs)


def cmd_export(args):
    from nestwell.transfer import export

    user, membership = _who(args)
    zone = _activate(membership)
    scope = export.Scope(membership.household, user,
                         child=_child(membership.household, args.child),
                         since=_time(args.since, zone, "--since"),
                         until=_time(args.until, zone, "--until"))
    if args.format == "csv":
        if not args.output:
            raise Refused(_("A CSV export is a zip file: give --output FILE.zip."))
        with _private(args.output, "wb") as out:
            export.write_csv_zip(scope, out)
    elif args.output:
        with _private(args.output, "w", encoding="utf-8") as out:
            export.write_json(scope, out)
    else:
        export.write_json(scope, sys.stdout)
    if args.output:
        print(_("Exported to %(path)s.") % {"path": args.output}, file=sys.stderr)
    return 0


def _rows(args, zone, path):
    from nestwell.transfer import file_kind, nestwell_json

    if args.format != "babybuddy-api":
        refused = file_kind.refusal_for_path(
            path, want="json" if args.format == "nestwell" else "csv")
        if refused:
            raise Refused(refused)
    if args.format == "nestwell":
        stream = open(path, "rb")  # noqa: SIM115 (closed when the command ends)
        try:
            nestwell_json.check_header(stream)
        except nestwell_json.NotAnExport as exc:
            raise Refused(str(exc)) from exc
        return nestwell_json.read(stream, time_zone=zone)
    if args.format == "babybuddy-api":
        from nestwell.transfer import babybuddy_api

        # A generator: its errors arrive while the rows are read (see cmd_import).
        return babybuddy_api.rows(args.url, args.token, time_zone=zone,
                                  amount_unit=args.amount_unit or "ml")
    from nestwell.transfer.importers import FORMATS

    reader = FORMATS[args.format]
    reader = getattr(reader, "read", reader)
    options = {}
    if args.mapping:
        try:
            options = json.loads(Path(args.mapping).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise Refused(_("The mapping file could not be read: %(reason)s")
                          % {"reason": exc}) from exc
    if args.amount_unit:
        options["amount_unit"] = args.amount_unit
    for unit in ("weight_unit", "length_unit"):
        if getattr(args, unit, None):
            options[unit] = getattr(args, unit)
    options.setdefault("file_name", Path(path).name)
    stream = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115
    return reader(stream, time_zone=zone, options=options)


NOT_UTF8 = gettext_lazy("This file is not plain text in UTF-8. Open it in a spreadsheet and "
                        "save it again as “CSV UTF-8”.")


def cmd_import(args):
    from nestwell.accounts.roles import Role, at_least
    from nestwell.transfer import load

    user, membership = _who(args)
    if not at_least(membership.role, Role.PARENT):
        raise Refused(_("Only a parent of the household can import."))
    zone = _activate(membership)
    path = args.file
    if args.format != "babybuddy-api":
        if not path or not Path(path).is_file():
            raise Refused(_("There is no file at %(path)s.") % {"path": path})
    elif not (args.url and args.token):
        raise Refused(_("Importing from a Baby Buddy server needs --url and --token."))
    child = _child(membership.household, args.child)
    progress = _progress if sys.stderr.isatty() and not args.json else None
    try:
        # File-level refusals (a missing column, not UTF-8, the server's errors) may come
        # when the reader starts or while rows are read: either way, one line and exit 2.
        rows = _rows(args, zone, path)
        report = load.load(membership.household, user, rows, dry_run=args.dry_run,
                           child=child, skip_rejected=args.skip_rejected, progress=progress)
    except UnicodeDecodeError as exc:
        raise Refused(str(NOT_UTF8)) from exc
    except ValueError as exc:  # includes NotAnExport and Baby Buddy's FetchError
        raise Refused(str(exc)) from exc
    if progress:
        print(file=sys.stderr)
    if args.json:
        print(json.dumps(report.as_dict(), default=str))
    else:
        print("\n".join(report.lines()))
        if (report.rejected_count and not args.dry_run and not report.applied
                and not report.damaged):
            print(_("Fix those rows, or run again with --skip-rejected to leave them out."))
    if args.dry_run:
        # 2 when the real run would change nothing (rows it would refuse, a damaged file),
        # as the real run exits: a script can try first and stop there.
        refused = report.damaged or (report.rejected_count and not args.skip_rejected)
        return 2 if refused else 0
    return 0 if report.applied else 2


def _progress(done, total, phase="saving", kinds=None):
    if phase != "saving":
        return
    width = 30
    filled = width * done // max(total, 1)
    print("\r" + _("Saving [%(bar)s] %(done)s/%(total)s") % {
        "bar": "#" * filled + "." * (width - filled), "done": done, "total": total}, end="",
        file=sys.stderr, flush=True)


def cmd_createuser(args):
    import getpass

    from django.core.management import call_command

    # On a new data directory the database is prepared first, as `nestwell serve` does.
    call_command("migrate", interactive=False, verbosity=0)

    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email
    from django.db import transaction

    from nestwell.accounts.models import Household, Membership, User, validate_time_zone

    try:
        validate_time_zone(args.time_zone)
    except ValidationError as exc:
        # A zone the machine does not know made every page of the household fail.
        raise Refused(_("%(zone)s is not a time zone this machine knows; write it as in "
                        "the tz database, such as Europe/Madrid or America/Chicago.")
                      % {"zone": args.time_zone}) from exc
    joined = None
    if args.household:
        same_name = list(Household.objects.filter(name__iexact=args.household)[:2])
        if len(same_name) > 1:
            raise Refused(_("More than one household is called “%(name)s”; invite this "
                            "person from the app instead (Household → Invite someone).")
                          % {"name": args.household})
        joined = same_name[0] if same_name else None
    try:
        validate_email(args.email)
    except ValidationError as exc:
        raise Refused(_("“%(email)s” is not an e-mail address.") % {"email": args.email}) from exc
    if User.objects.filter(email__iexact=args.email).exists():
        raise Refused(_("There is already an account for %(email)s.") % {"email": args.email})
    if args.password_file:
        try:
            password = Path(args.password_file).read_text(encoding="utf-8").strip()
        except FileNotFoundError as exc:
            raise Refused(_("There is no file at %(path)s.")
                          % {"path": args.password_file}) from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise Refused(_("The password file could not be read: %(reason)s")
                          % {"reason": exc}) from exc
    elif sys.stdin.isatty():
        password = getpass.getpass(_("Password: "))
        if getpass.getpass(_("Again: ")) != password:
            raise Refused(_("The two passwords differ."))
    else:
        password = sys.stdin.readline().strip()
    from django.contrib.auth.password_validation import validate_password

    try:
        validate_password(password)
    except ValidationError as exc:
        raise Refused(" ".join(exc.messages)) from exc
    with transaction.atomic():
        user = User.objects.create_user(email=args.email, password=password,
                                        display_name=args.name or args.email.split("@")[0])
        if args.household:
            household = joined or Household.objects.create(
                name=args.household, time_zone=args.time_zone,
                locale=_household_language(args.language, args.time_zone))
            Membership.objects.create(user=user, household=household, role=args.role)
    if joined is not None:
        # Said plainly: a household of that name was there already, and she is now in it.
        print(_("Account %(email)s created as %(role)s of the existing household "
                "%(household)s.") % {"email": user.email, "role": args.role,
                                     "household": joined.name})
    elif args.household:
        print(_("Account %(email)s created as %(role)s of %(household)s (a new "
                "household).") % {"email": user.email, "role": args.role,
                                  "household": args.household})
    else:
        print(_("Account %(email)s created.") % {"email": user.email})
    return 0


# Where English is written the American way in Nestwell's words (diapers, a 12-hour clock):
# a household made from the command line in those places speaks it unless told otherwise.
AMERICAN_ENGLISH = {"US", "CA", "PR", "PH"}


def _household_language(asked, time_zone):
    """The language of a new household: ``--language``, else English as it is written in
    the time zone's country (a household in Toronto had its report in British English)."""
    if asked:
        return asked
    from nestwell.lib.measures import country_of_time_zone

    return "en-us" if country_of_time_zone(time_zone) in AMERICAN_ENGLISH else "en"


def _common(parser, household=True):
    parser.add_argument("--as", dest="as_user", required=True, metavar="EMAIL",
                        help=_("act as this person (her role in the household applies)"))
    if household:
        parser.add_argument("--household", metavar="NAME",
                            help=_("which household, if she is in more than one"))


def add_parsers(sub):
    log = sub.add_parser("log", help=_("log a moment from a terminal or a button"),
                         # Translators: the command in backquotes is typed as it is: keep it.
                         description=_("Log a moment now (or at --start), e.g. "
                                       "`nestwell log talk --child Nora --as me@example.org`."))
    # Translators: the kinds and what follows --detail are typed as they are (in English).
    log.add_argument("kind", help=_("skin_to_skin, feeding, talk, sing, read, cuddle, …, or "
                                    "nappy (--detail kind=wet), temperature "
                                    "(--detail celsius=37.4), pump (--detail amount=120 "
                                    "--detail side=left --detail store=fridge) or dose "
                                    "(--detail medicine=NAME)"))
    log.add_argument("--child", metavar="NAME", help=_("the baby (needed if there are several)"))
    log.add_argument("--start", help=_("when it began: ISO date-time in the household's zone, "
                                       "or 'now' (default)"))
    log.add_argument("--end", help=_("when it ended (for a timed moment)"))
    log.add_argument("--running", action="store_true", help=_("start a timer instead"))
    log.add_argument("--detail", action="append", metavar="NAME=VALUE",
                     help=_("a detail, e.g. --detail side=left (repeatable)"))
    log.add_argument("--note")
    log.add_argument("--json", action="store_true", help=_("print the moment as JSON"))
    _common(log)
    log.set_defaults(func=cmd_log)

    measure = sub.add_parser("measure", help=_("keep a weight, length or head circumference"),
                             # Translators: the command in backquotes is typed as it is: keep it.
                             description=_("e.g. `nestwell measure --weight 4250 --by midwife "
                                           "--as me@example.org`."))
    measure.add_argument("--child", metavar="NAME", help=_("the baby (if there are several)"))
    measure.add_argument("--on", metavar="YYYY-MM-DD", help=_("the day (default: today)"))
    measure.add_argument("--weight", type=int, metavar="GRAMS", help=_("weight in grams"))
    measure.add_argument("--length", metavar="CM", help=_("length in cm, to 0.1"))
    measure.add_argument("--head", metavar="CM", help=_("head circumference in cm, to 0.1"))
    measure.add_argument("--by", default="parent",
                         choices=("parent", "midwife", "health_visitor", "clinic", "doctor",
                                  "hospital", "other"), help=_("who measured (default: parent)"))
    measure.add_argument("--note")
    measure.add_argument("--json", action="store_true", help=_("print it with its centiles"))
    _common(measure)
    measure.set_defaults(func=cmd_measure)

    exp = sub.add_parser("export", help=_("export the household as JSON, or CSV files in a zip"))
    exp.add_argument("--format", choices=("json", "csv"), default="json")
    exp.add_argument("--output", "-o", metavar="FILE", help=_("default: JSON to standard output"))
    exp.add_argument("--child", metavar="NAME", help=_("only this baby"))
    exp.add_argument("--since", help=_("from this date-time"))
    exp.add_argument("--until", help=_("up to this date-time"))
    _common(exp)
    exp.set_defaults(func=cmd_export)

    imp = sub.add_parser("import", help=_("import from a Nestwell export or another tracker"),
                         description=_("Check a file first with --dry-run. A file with a bad "
                                       "row changes nothing, and what a run that fails "
                                       "half-way wrote is taken out again."))
    imp.add_argument("file", nargs="?", help=_("the file to import"))
    imp.add_argument("--format", required=True,
                     choices=("nestwell", "babybuddy-csv", "babybuddy-api", "huckleberry-csv",
                              "babytracker-csv", "generic-csv"))
    imp.add_argument("--child", metavar="NAME", help=_("the baby rows without a name belong to"))
    imp.add_argument("--dry-run", action="store_true", help=_("only report what would happen"))
    imp.add_argument("--skip-rejected", action="store_true",
                     help=_("import the good rows and leave the rejected ones out"))
    imp.add_argument("--mapping", metavar="FILE.json", help=_("column mapping for generic-csv"))
    imp.add_argument("--amount-unit", choices=("ml", "oz"), help=_("unit of bottle amounts"))
    imp.add_argument("--weight-unit", choices=("kg", "g", "lb", "oz"),
                     help=_("unit of Baby Buddy weights (default kg)"))
    imp.add_argument("--length-unit", choices=("cm", "mm", "in"),
                     help=_("unit of Baby Buddy heights and head circumferences (default cm)"))
    imp.add_argument("--url", help=_("Baby Buddy server address (babybuddy-api)"))
    imp.add_argument("--token", help=_("Baby Buddy API key (babybuddy-api)"))
    imp.add_argument("--json", action="store_true", help=_("print the report as JSON"))
    _common(imp)
    imp.set_defaults(func=cmd_import)

    user = sub.add_parser("createuser", help=_("create an account (and optionally a household)"))
    user.add_argument("email")
    user.add_argument("--name", help=_("the name shown in the app"))
    user.add_argument("--password-file", metavar="FILE",
                      help=_("read the password from a file (else it is asked for, or read "
                             "from standard input)"))
    user.add_argument("--household", metavar="NAME", help=_("join (or create) this household"))
    user.add_argument("--role", choices=("parent", "caregiver", "viewer"), default="parent")
    user.add_argument("--time-zone", default="Europe/London",
                      help=_("for a new household (default Europe/London)"))
    from django.conf import settings

    user.add_argument("--language", choices=[code for code, _name in settings.LANGUAGES],
                      help=_("the language of a new household (its reports and e-mails); "
                             "by default English as written where its time zone is"))
    user.set_defaults(func=cmd_createuser)


def run(func, args):
    """Run a data command, turning refusals into exit code 2."""
    try:
        return func(args)
    except Refused as exc:
        print(f"nestwell: {exc}", file=sys.stderr)
        return 2
