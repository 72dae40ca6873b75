"""No row is lost at the clock change: duplicates are decided by the source's own id, and
naive local times the clocks made ambiguous are settled by the file's order, or imported
and flagged (issue 12, finding 4)."""

import io
from datetime import UTC, datetime

import pytest

from nestwell.journal.models import Moment
from nestwell.transfer import load
from nestwell.transfer.importers import babybuddy

HEADER = "id,child_id,child_first_name,child_last_name,start,end,type,method,amount,notes,tags\n"


def feeds(*rows):
    """A Baby Buddy feedings.csv: (id, start, end) in the given order."""
    return HEADER + "".join(f"{i},1,Nora,Garcia,{start},{end},breast milk,left breast,,,\n"
                            for i, start, end in rows)


AROUND_THE_CHANGE = [  # 26 October 2025: at 02:00 BST the clocks went back to 01:00 GMT
    (1, "2025-10-26 00:50:00", "2025-10-26 01:05:00"),
    (2, "2025-10-26 01:30:00", "2025-10-26 01:40:00"),  # BST: 00:30 UTC
    (3, "2025-10-26 01:30:00", "2025-10-26 01:45:00"),  # GMT: 01:30 UTC
    (4, "2025-10-26 02:10:00", "2025-10-26 02:20:00"),
]
UTC_STARTS = [datetime(2025, 10, 25, 23, 50, tzinfo=UTC), datetime(2025, 10, 26, 0, 30, tzinfo=UTC),
              datetime(2025, 10, 26, 1, 30, tzinfo=UTC), datetime(2025, 10, 26, 2, 10, tzinfo=UTC)]


def run(household, alice, text, **kwargs):
    rows = babybuddy.read(io.StringIO(text), time_zone=_zone(household),
                          options={"file_name": "feedings.csv"})
    return load.load(household, alice, rows, dry_run=False, **kwargs)


def _zone(household):
    from zoneinfo import ZoneInfo

    return ZoneInfo(household.time_zone)


@pytest.mark.parametrize("order", [1, -1], ids=["oldest first", "newest first"])
def test_two_feeds_at_the_repeated_hour_both_arrive_in_their_place(household, alice, nora,
                                                                    order):
    report = run(household, alice, feeds(*AROUND_THE_CHANGE[::order]))
    assert report.applied and report.created["moment"] == 4 and not report.flagged, \
        report.lines()
    stored = sorted(Moment.objects.values_list("started_at", "external_id"))
    assert [s for s, _id in stored] == UTC_STARTS
    assert [i for _s, i in stored] == [f"babybuddy:feeding:{n}" for n in (1, 2, 3, 4)]
    again = run(household, alice, feeds(*AROUND_THE_CHANGE[::order]))
    assert again.duplicates == 4 and sum(again.created.values()) == 0


def test_a_repeated_hour_the_file_cannot_settle_is_imported_and_flagged(household, alice,
                                                                      nora):
    report = run(household, alice, feeds(*AROUND_THE_CHANGE[1:3]))
    assert report.applied and report.created["moment"] == 2, report.lines()
    assert len(report.flagged) == 2 and "happened twice" in report.flagged[0][1]
    assert any("worth a look" in line for line in report.lines())


def test_a_time_the_clocks_skipped_is_imported_and_flagged(household, alice, nora):
    report = run(household, alice, feeds((7, "2025-03-30 01:30:00", "2025-03-30 03:10:00")))
    assert report.applied and report.created["moment"] == 1
    (row, why), = report.flagged
    assert row == 2 and "did not exist" in why and "02:30" in why


def test_distinct_ids_are_distinct_rows_even_at_the_same_time(household, alice, nora):
    same = [(1, "2025-06-01 10:00:00", "2025-06-01 10:10:00"),
            (2, "2025-06-01 10:00:00", "2025-06-01 10:10:00")]
    assert run(household, alice, feeds(*same)).created["moment"] == 2
    assert Moment.objects.count() == 2
