"""A double tap on a one-tap button keeps one entry (the Arabic walkthrough tapped "Music
for the bump" twice and got two). Each one-tap form carries its own one-time key, so the
same button sent twice is one moment, nappy, dose or sign; another button, or the same
one on the next page, is a new one."""

import re

import pytest

from nestwell.care.models import Cue
from nestwell.health.models import Nappy
from nestwell.journal.models import Moment
from nestwell.medicines import services
from nestwell.medicines.models import Dose

KEY = re.compile(r'name="idempotency_key" value="([0-9a-f-]{36})"')


def _forms(html, action):
    """Each form posting to ``action`` on the page: its hidden fields, key included."""
    found = []
    for form in re.findall(r'<form method="post" action="' + re.escape(action) + r'">(.*?)</form>',
                           html, re.S):
        fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
        fields.pop("csrfmiddlewaretoken", None)
        found.append(fields)
    return found


def _tap_twice(client, page, action, **match):
    form = next(f for f in _forms(client.get(page).content.decode(), action)
                if all(f.get(k) == str(v) for k, v in match.items()))
    assert "idempotency_key" in form, form
    first = client.post(action, form)
    second = client.post(action, form)
    assert first.status_code == second.status_code == 302
    return form


def test_a_one_tap_moment_tapped_twice_is_one_moment(client_for, alice, nora):
    client = client_for(alice)
    _tap_twice(client, "/", "/moments/quick/", kind="talk")
    assert Moment.objects.filter(kind="talk").count() == 1
    # The page after it carries new keys: a second talk later is its own moment.
    _tap_twice(client, "/", "/moments/quick/", kind="talk")
    assert Moment.objects.filter(kind="talk").count() == 2
    # The night screen's tiles too.
    tile = _tap_twice(client, "/night/", "/moments/quick/")
    assert Moment.objects.filter(kind=tile["kind"]).exclude(kind="talk").count() in (0, 1)
    assert Moment.objects.count() == 3


def test_a_nappy_a_sign_and_a_cry_tapped_twice_are_one_each(client_for, alice, nora):
    client = client_for(alice)
    _tap_twice(client, "/", "/care-day/nappies/now/", kind="wet")
    assert Nappy.objects.count() == 1
    _tap_twice(client, "/", "/cues/positive/", signal="smile")
    assert Cue.objects.filter(signal="smile").count() == 1
    _tap_twice(client, "/", "/cues/crying/")
    assert Cue.objects.filter(signal="cry").count() == 1


def test_a_dose_tapped_twice_is_one_dose(client_for, alice, nora, household):
    services.add_medicine(child=nora, user=alice, name="Vitamin D", dose="0.5", unit="ml",
                          form="drops", schedule="daily", daily_at="08:00")
    _tap_twice(client_for(alice), "/", "/care-day/medicines/given/")
    assert Dose.objects.count() == 1


@pytest.mark.parametrize("page", ["/", "/night/"])
def test_every_one_tap_form_carries_its_own_key(client_for, alice, nora, page):
    html = client_for(alice).get(page).content.decode()
    keys = KEY.findall(html)
    assert len(keys) >= 5 and len(set(keys)) == len(keys)
