"""A centile's ordinal in each language: French writes 1er, but 21e and 51e (it had
written 51er, from the English 51st)."""

import pytest
from django.utils import translation

from nestwell.growth.progress import ordinal


@pytest.mark.parametrize("language,expected", [
    ("en", ["1st", "2nd", "3rd", "11th", "21st", "51st", "97th"]),
    ("fr", ["1er", "2e", "3e", "11e", "21e", "51e", "97e"]),
    ("de", ["1.", "2.", "3.", "11.", "21.", "51.", "97."]),
])
def test_a_centile_reads_as_its_language_writes_it(language, expected):
    with translation.override(language):
        assert [ordinal(n) for n in ("1", "2", "3", "11", "21", "51", "97")] == expected
