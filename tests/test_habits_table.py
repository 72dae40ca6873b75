"""The table of habits (nestwell/lib/data/habits.json) is what Babel says: each offered
language's clock, first day of the week and date order for every place CLDR names, each
time zone's country and its city in each language. A worker reads the table instead of
loading CLDR; a Babel that answers differently fails here until scripts/cldr-habits.py is
run again."""

import json

from nestwell.lib import measures


def test_the_table_is_what_babel_says_now():
    kept = json.loads(measures.HABITS_FILE.read_text(encoding="utf-8"))
    assert kept == json.loads(json.dumps(measures.table_from_cldr()))


def test_a_place_or_language_the_table_lacks_is_asked_of_babel():
    measures.habits.cache_clear()
    # Portuguese is not offered, so not in the table: Brazil's habits come from CLDR.
    assert measures.habits("pt", "BR") == measures.Measures(clock=24, week_start=6,
                                                            month_first=False)
    assert measures.zone_city("Africa/Cairo", "it") == "Il Cairo"
    assert measures.zone_city("Not/AZone", "fr") == "Not/AZone"


def test_the_table_reads_as_babel_for_the_places_people_live():
    for language, country, clock, start, month_first in [
            ("en", "US", 12, 6, True), ("en", "GB", 24, 0, False), ("fr", "CA", 24, 6, False),
            ("de", "DE", 24, 0, False), ("ar", "EG", 12, 5, False), ("es", "MX", 12, 6, False)]:
        found = measures.habits(language, country)
        assert (found.clock, found.week_start, found.month_first) == (clock, start,
                                                                      month_first), country
    assert measures.country_of_time_zone("US/Pacific") == "US"
    assert measures.country_of_time_zone("UTC") == ""
