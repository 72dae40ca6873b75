import io
import os
import subprocess
import sys
from contextlib import redirect_stdout

import pytest

from nestwell.accounts.models import Household, User
from nestwell.children.models import Child
from nestwell.cli import build_parser
from nestwell.journal.models import Moment
from nestwell.ops.demo import DEMO_PASSWORD, PARENTS_EMAIL, fill_demo


def test_help_lists_the_commands():
    out = subprocess.run([sys.executable, "-m", "nestwell.cli", "--help"], check=True,
                         capture_output=True, text=True).stdout
    for command in ("serve", "demo", "manage"):
        assert command in out


def test_serve_has_sensible_defaults():
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.workers) == ("127.0.0.1", 8000, 2)


def test_an_unknown_command_fails_clearly():
    with pytest.raises(SystemExit) as excinfo:
        build_parser().parse_args(["fly"])
    assert excinfo.value.code == 2


def test_the_demo_fills_a_ten_week_old_and_a_pregnancy(db):
    out = io.StringIO()
    with redirect_stdout(out):
        fill_demo(stdout=out)
    assert Household.objects.count() == 2
    leo = Child.objects.get(name="Leo")
    assert 68 <= (Moment.objects.filter(child=leo).latest("started_at").started_at
                  - leo.birth_at).days <= 71
    assert Moment.objects.filter(child=leo).count() > 500
    assert Moment.objects.filter(child=leo, kind="skin_to_skin").exists()
    assert 6 * 60 <= leo.nappies.count() <= 10 * 71
    assert leo.temperatures.filter(celsius="37.9").exists()
    assert leo.pumping.count() >= 20 and leo.milk_bags.filter(place="thawed").exists()
    assert {m.name for m in leo.medicines.all()} == {"Vitamin D drops", "Infant paracetamol"}
    assert 50 <= leo.doses.count() <= 60
    assert Child.objects.get(name="Little one").birth_at is None
    assert User.objects.get(email=PARENTS_EMAIL).check_password(DEMO_PASSWORD)
    assert "password" in out.getvalue()


def test_the_demo_is_not_duplicated(db):
    fill_demo()
    fill_demo()
    assert Household.objects.count() == 2
    fill_demo(reset=True)
    assert Household.objects.count() == 2


def test_the_demo_opens_in_the_app(client, db):
    fill_demo()
    user = User.objects.get(email=PARENTS_EMAIL)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get("/").content.decode()
    assert "Leo" in page and "weeks old" in page and "Vitamin D drops" in page
    assert client.get("/timeline/").status_code == 200
    noticed = client.get("/noticed/")
    assert "Calmer once he heard my voice" in noticed.content.decode()
    assert sum(len(entries) for _monday, entries in noticed.context["weeks"]) == 7
    assert client.get("/care-day/medicines/").status_code == 200


def test_serve_collects_the_static_files_only_when_they_changed(tmp_path, settings):
    from nestwell.cli.server import collect_static

    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "note.txt").write_text("one")
    settings.STATIC_ROOT = tmp_path / "collected"
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, extra]
    assert collect_static() is True  # a new data directory
    assert (settings.STATIC_ROOT / "note.txt").read_text() == "one"
    assert collect_static() is False  # the next start: nothing changed, nothing done
    (extra / "note.txt").write_text("two, after an upgrade")
    later = (extra / "note.txt").stat().st_mtime + 5  # collectstatic compares whole seconds
    os.utime(extra / "note.txt", (later, later))
    assert collect_static() is True
    assert (settings.STATIC_ROOT / "note.txt").read_text() == "two, after an upgrade"
    (settings.STATIC_ROOT / ".collected").unlink()  # removed by hand: collected again
    assert collect_static() is True
