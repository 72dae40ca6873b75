"""The names a note may call the household's babies by (read by the note's safety check)."""


def baby_names(household) -> list[str]:
    """The names of the household's babies, as a note may call them (one query)."""
    if household is None:
        return []
    return list(household.children.values_list("name", flat=True))
