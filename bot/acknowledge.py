"""A warm word before "I understood: ...", fitting what the person told (the words: bot/strings)."""

from __future__ import annotations

from collections.abc import Iterable

from bot import strings
from nlp.result import SUBSTANCE_CODES


def acknowledgement(concerns: Iterable[tuple[str, str, str]]) -> str | None:
    """One short acknowledgement for the concerns (code, experiencer, status): a loss first,
    then a loved one's struggle, then the person's own (recovery when all of it is past)."""
    told = list(concerns)
    codes = {code for code, _who, _status in told}
    for code in ("grief",):  # a loss is the person's own, whoever died
        if code in codes:
            return strings.ACKNOWLEDGE[code]
    if any(who == "family" for _code, who, _status in told):
        return strings.ACKNOWLEDGE_FAMILY
    own = [(code, status) for code, who, status in told if who != "family"]
    if own and all(status == "past" for _code, status in own):
        return strings.ACKNOWLEDGE_RECOVERY
    for code, _status in own:
        key = "substance" if code in SUBSTANCE_CODES else code
        if key in strings.ACKNOWLEDGE_SELF:
            return strings.ACKNOWLEDGE_SELF[key]
    return None
