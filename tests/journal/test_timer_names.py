"""A screen reader hears which timer a Stop button stops (with twins, two feeds may run),
and not the seconds ticking by."""

from datetime import timedelta

from django.utils import timezone

from nestwell.journal.models import Moment


def test_each_stop_button_names_its_timer_and_the_seconds_stay_quiet(client_for, alice,
                                                                     household, nora):
    Moment.objects.create(household=household, child=nora, kind="skin_to_skin",
                          started_at=timezone.now() - timedelta(minutes=5), actor=alice,
                          created_by=alice)
    page = client_for(alice).get("/").content.decode()
    assert 'aria-label="Stop Skin-to-skin for Nora">Stop</button>' in page
    assert 'class="elapsed" role="timer" aria-live="off"' in page
