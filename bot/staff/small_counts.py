"""The one rule for counts of people shown to staff: nobody may be picked out of a small number.

A count under `SMALL_COUNT` (but not zero) is shown as "fewer than 5", and when the group counted is
itself that small, none of its counts is shown at all (its "0 went" would say what each one did).
"""

from __future__ import annotations

from collections.abc import Mapping

from bot import strings

SMALL_COUNT = 5


def small_note(text: str) -> str:
    """A staff text that names the threshold ("any under {n} reads 'fewer than {n}'")."""
    return text.format(n=SMALL_COUNT)


def shown_counts(counts: Mapping[str, int], *, cohort: int) -> dict[str, str] | None:
    """Each count as text, those under SMALL_COUNT "fewer than 5"; None if the cohort is small."""
    if 0 < cohort < SMALL_COUNT:
        return None
    fewer = strings.FEWER_THAN.format(n=SMALL_COUNT)
    return {
        key: str(count) if count == 0 or count >= SMALL_COUNT else fewer
        for key, count in counts.items()
    }
