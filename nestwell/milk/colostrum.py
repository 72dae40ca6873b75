"""Expressing colostrum before the birth: from which day Nestwell keeps it. Pure functions
(no Django).

Many maternity services suggest that a mother who wishes to (and whose midwife agrees)
collect a little colostrum by hand in the last weeks of pregnancy, to have some ready for
the first days. Sources, read in December 2026:

- Cambridge University Hospitals NHS Foundation Trust, "Antenatal hand expression of breast
  milk" (https://cuh.nhs.uk/patient-information/antenatal-hand-expression-of-breast-milk-guidance):
  from 36 weeks of pregnancy, unless there are risk factors for premature labour; talk to
  the midwife or the infant feeding team first.
- Guy's and St Thomas' NHS Foundation Trust, "Antenatal hand expressing from 37 weeks"
  (https://www.guysandstthomas.nhs.uk/health-information/antenatal-hand-expressing-37-weeks).

Nestwell takes the earlier of the two: sessions and stored colostrum are kept from 36+0
weeks (28 days before the due date). The advice itself stays with her midwife.
"""

from datetime import date, timedelta

FROM_WEEKS = 36
FULL_TERM_WEEKS = 40
SOURCE = ("Cambridge University Hospitals NHS Foundation Trust, “Antenatal hand expression "
          "of breast milk”; Guy's and St Thomas' NHS Foundation Trust, “Antenatal hand "
          "expressing from 37 weeks”")


def opens_on(due: date) -> date:
    """The first day (36+0 weeks) on which colostrum expressed before the birth is kept."""
    return due - timedelta(weeks=FULL_TERM_WEEKS - FROM_WEEKS)


def is_open(due: date | None, today: date) -> bool:
    return due is not None and today >= opens_on(due)
