from datetime import UTC, datetime

import pytest

from nestwell.children.models import Child


@pytest.fixture
def nora(household):
    """The sample files hold rows from 2024 and 2025; nothing is kept from before a birth,
    so here Nora was born before all of them."""
    return Child.objects.create(household=household, name="Nora",
                                birth_at=datetime(2024, 1, 1, tzinfo=UTC))
